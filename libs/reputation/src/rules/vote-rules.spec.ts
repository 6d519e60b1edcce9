import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BOARD_SETTINGS } from '@helpboard/boards';
import { ReputationKind } from '../ledger/reputation-entry.schema.js';
import { reputationFromEarned, STARTING_REPUTATION } from './starting-reputation.js';
import { applicableDelta, awardsForAccept, awardsForOfficial, awardsForVote } from './vote-rules.js';

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

  it('gives nothing to a staff member marking their own answer official', () => {
    expect(awardsForOfficial({ answerAuthorId: 'a', markerId: 's' }, rules)).toEqual([
      { userId: 'a', kind: ReputationKind.OFFICIAL_ANSWER, delta: 10 },
    ]);
    expect(awardsForOfficial({ answerAuthorId: 's', markerId: 's' }, rules)).toEqual([]);
  });

  it('counts downvotes received against the daily cap, so a later upvote that day earns again', () => {
    // A capped day: 20 upvotes (200), a downvote (−2): the day now counts 198.
    let counted = 0;
    for (let i = 0; i < 20; i++) counted += applicableDelta(10, { total: 1000, voteGainToday: counted, dailyCap: 200 });
    expect(counted).toBe(200);
    counted += applicableDelta(-2, { total: 1000, voteGainToday: counted, dailyCap: 200 });
    expect(applicableDelta(10, { total: 1000, voteGainToday: counted, dailyCap: 200 })).toBe(2);
    // More downvotes than the cap's headroom never lets one upvote earn more than it is worth.
    expect(applicableDelta(10, { total: 1000, voteGainToday: -20, dailyCap: 200 })).toBe(10);
  });

  it('starts reputation at 1 on every scope: 1 + what was earned there, never below 1', () => {
    expect(STARTING_REPUTATION).toBe(1);
    expect(reputationFromEarned(null)).toBe(1);
    expect(reputationFromEarned(0)).toBe(1);
    expect(reputationFromEarned(1)).toBe(2);
    expect(reputationFromEarned(210)).toBe(211);
    expect(reputationFromEarned(-6)).toBe(1);
  });
});
