import { describe, expect, it } from '@jest/globals';
import { highlight } from './highlight.js';

describe('highlight', () => {
  it('marks words and word prefixes, never letters inside other words', () => {
    expect(highlight('Roaming data in Spain', ['roam', 'a', 'data'])).toBe(
      '<mark>Roam</mark>ing <mark>data</mark> in Spain',
    );
    expect(highlight('premium SMS charges', ['s', 'sms'])).toBe('premium <mark>SMS</mark> charges');
  });

  it('marks Chinese words where they stand', () => {
    expect(highlight('国际漫游怎么收费', ['漫游', '收费'])).toBe('国际<mark>漫游</mark>怎么<mark>收费</mark>');
  });
});
