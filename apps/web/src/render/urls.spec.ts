import { describe, expect, it } from '@jest/globals';
import { slugify, threadPath } from './urls.js';

describe('slugs', () => {
  it('joins words with dashes and keeps Chinese characters', () => {
    expect(slugify('How do I top up my SIM card?')).toBe('how-do-i-top-up-my-sim-card');
    expect(slugify('如何给 SIM 卡充值？')).toBe('如何给-sim-卡充值');
    expect(slugify('???')).toBe('question');
  });

  it('builds thread URLs with an encoded slug', () => {
    expect(threadPath({ id: 'abc', title: '充值' })).toBe(`/t/abc/${encodeURIComponent('充值')}`);
  });
});
