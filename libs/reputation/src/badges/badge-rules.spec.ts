import { describe, expect, it } from '@jest/globals';
import { BadgeKind, BadgeTier } from './badge.schema.js';
import { badgesFromHistory } from './badge-rules.js';

describe('badges from history', () => {
  it('applies every earned-badge rule to a board’s history, per user', () => {
    const earned = badgesFromHistory({
      answerers: [
        { userId: 'expert', count: 12, totalScore: 25, officialCount: 10, accepted: 1 },
        { userId: 'newcomer', count: 1, totalScore: 0, officialCount: 0, accepted: 0 },
      ],
      scoredAnswers: [{ answerId: 'a1', userId: 'expert', score: 50 }],
      popularQuestions: [{ threadId: 't1', userId: 'asker' }],
    });
    expect(earned.get('expert')).toEqual([
      { kind: BadgeKind.BOARD_EXPERT, tier: BadgeTier.BRONZE, subject: '' },
      { kind: BadgeKind.HELPFUL, tier: BadgeTier.SILVER, subject: '' },
      { kind: BadgeKind.FIRST_ACCEPTED_ANSWER, tier: BadgeTier.BRONZE, subject: '' },
      { kind: BadgeKind.GOOD_ANSWER, tier: BadgeTier.BRONZE, subject: 'a1' },
      { kind: BadgeKind.GREAT_ANSWER, tier: BadgeTier.SILVER, subject: 'a1' },
    ]);
    expect(earned.get('asker')).toEqual([{ kind: BadgeKind.POPULAR_QUESTION, tier: BadgeTier.BRONZE, subject: 't1' }]);
    expect(earned.has('newcomer')).toBe(false);
  });
});
