import { describe, expect, it } from '@jest/globals';
import { isVoteLocked, VOTE_CHANGE_WINDOW_MS } from './vote.service.js';

const castAt = new Date('2026-03-01T10:00:00Z');
const after = (ms: number) => new Date(castAt.getTime() + ms);

describe('vote lock', () => {
  it('lets a vote change within five minutes', () => {
    expect(isVoteLocked({ castAt }, { editedAt: null }, after(VOTE_CHANGE_WINDOW_MS))).toBe(false);
  });

  it('locks a vote after five minutes', () => {
    expect(isVoteLocked({ castAt }, { editedAt: null }, after(VOTE_CHANGE_WINDOW_MS + 1))).toBe(true);
  });

  it('unlocks it when the post was edited after the vote', () => {
    expect(isVoteLocked({ castAt }, { editedAt: after(60 * 60_000) }, after(2 * 60 * 60_000))).toBe(false);
  });

  it('stays locked when the edit came before the vote', () => {
    expect(isVoteLocked({ castAt }, { editedAt: after(-60_000) }, after(60 * 60_000))).toBe(true);
  });
});
