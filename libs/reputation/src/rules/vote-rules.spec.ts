import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BOARD_SETTINGS } from '@helpboard/boards';
import { ReputationKind } from '../ledger/reputation-entry.schema.js';
import { applicableDelta, awardsForAccept, awardsForVote } from './vote-rules.js';

const rules = DEFAULT_BOARD_SETTINGS.reputation;

describe('reputation rules', () => {
  it('gives +10 for upvoted questions and answers', () => {
    expect(awardsForVote({ value: 1, postKind: 'QUESTION', authorId: 'a', voterId: 'v' }, rules)).toEqual([
      { userId: 'a', kind: ReputationKind.QUESTION_UPVOTED, delta: 10 },
    ]);
    expect(awardsForVote({ value: 1, postKind: 'ANSWER', authorId: 'a', voterId: 'v' }, rules)[0].delta).toBe(10);
  });

  it('takes 2 from the author of a downvoted post and 1 from whoever downvotes an answer', () => {
    expect(awardsForVote({ value: -1, postKind: 'ANSWER', authorId: 'a', voterId: 'v' }, rules)).toEqual([
      { userId: 'a', kind: ReputationKind.POST_DOWNVOTED, delta: -2 },
      { userId: 'v', kind: ReputationKind.DOWNVOTED_ANSWER, delta: -1 },
    ]);
    expect(awardsForVote({ value: -1, postKind: 'QUESTION', authorId: 'a', voterId: 'v' }, rules)).toHaveLength(1);
  });

  it('gives +15 to the answerer and +2 to the asker on accept, nothing for accepting your own answer', () => {
    expect(awardsForAccept({ answerAuthorId: 'a', askerId: 'q' }, rules).map((x) => x.delta)).toEqual([15, 2]);
    expect(awardsForAccept({ answerAuthorId: 'q', askerId: 'q' }, rules)).toEqual([]);
  });

  it('stops vote gains at the daily cap and keeps totals at 1 or more', () => {
    expect(applicableDelta(10, { total: 50, voteGainToday: 195, dailyCap: 200 })).toBe(5);
    expect(applicableDelta(10, { total: 50, voteGainToday: 200, dailyCap: 200 })).toBe(0);
    expect(applicableDelta(-2, { total: 2, voteGainToday: 200, dailyCap: 200 })).toBe(-1);
    expect(applicableDelta(-2, { total: 1 })).toBe(0);
    expect(applicableDelta(15, { total: 1 })).toBe(15);
  });
});
