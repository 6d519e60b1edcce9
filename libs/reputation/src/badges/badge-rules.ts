// When badges are earned (defaults from the product brief). Live events and imported history
// (badgesFromHistory) apply these same rules.
import { BadgeKind, BadgeTier } from './badge.schema.js';

export interface EarnedBadge {
  kind: BadgeKind;
  tier: BadgeTier;
  subject: string;
}

/** Board Expert: total answer score over a number of answers on one board. */
export const EXPERT_TIERS: { tier: BadgeTier; minScore: number; minAnswers: number }[] = [
  { tier: BadgeTier.BRONZE, minScore: 20, minAnswers: 10 },
  { tier: BadgeTier.SILVER, minScore: 100, minAnswers: 40 },
  { tier: BadgeTier.GOLD, minScore: 400, minAnswers: 100 },
];

export function expertBadges(stats: { count: number; totalScore: number }): EarnedBadge[] {
  return EXPERT_TIERS.filter((t) => stats.totalScore >= t.minScore && stats.count >= t.minAnswers).map((t) => ({
    kind: BadgeKind.BOARD_EXPERT,
    tier: t.tier,
    subject: '',
  }));
}

export const GOOD_ANSWER_SCORE = 10;
export const GREAT_ANSWER_SCORE = 50;

export function answerScoreBadges(answerId: string, score: number): EarnedBadge[] {
  const badges: EarnedBadge[] = [];
  if (score >= GOOD_ANSWER_SCORE)
    badges.push({ kind: BadgeKind.GOOD_ANSWER, tier: BadgeTier.BRONZE, subject: answerId });
  if (score >= GREAT_ANSWER_SCORE)
    badges.push({ kind: BadgeKind.GREAT_ANSWER, tier: BadgeTier.SILVER, subject: answerId });
  return badges;
}

export const FIRST_ACCEPTED_ANSWER: EarnedBadge = {
  kind: BadgeKind.FIRST_ACCEPTED_ANSWER,
  tier: BadgeTier.BRONZE,
  subject: '',
};

export const HELPFUL_OFFICIAL_ANSWERS = 10;

export function helpfulBadges(officialCount: number): EarnedBadge[] {
  return officialCount >= HELPFUL_OFFICIAL_ANSWERS
    ? [{ kind: BadgeKind.HELPFUL, tier: BadgeTier.SILVER, subject: '' }]
    : [];
}

/** Popular Question: a question read this many times (views are counted once per reader per hour). */
export const POPULAR_QUESTION_VIEWS = 1_000;

export function popularQuestionBadge(threadId: string): EarnedBadge {
  return { kind: BadgeKind.POPULAR_QUESTION, tier: BadgeTier.BRONZE, subject: threadId };
}

/** What a board's history says, as PostStatsService.badgeFactsOfBoard reads it (ids as hex strings). */
export interface BoardHistoryFacts {
  answerers: { userId: string; count: number; totalScore: number; officialCount: number; accepted: number }[];
  scoredAnswers: { answerId: string; userId: string; score: number }[];
  popularQuestions: { threadId: string; userId: string }[];
}

/** Every earned-badge rule over a board's whole history: per user, the badges it has earned. */
export function badgesFromHistory(facts: BoardHistoryFacts): Map<string, EarnedBadge[]> {
  const earned = new Map<string, EarnedBadge[]>();
  const give = (userId: string, badges: EarnedBadge[]) => {
    if (badges.length > 0) earned.set(userId, [...(earned.get(userId) ?? []), ...badges]);
  };
  for (const answerer of facts.answerers) {
    give(answerer.userId, [
      ...expertBadges(answerer),
      ...helpfulBadges(answerer.officialCount),
      ...(answerer.accepted > 0 ? [FIRST_ACCEPTED_ANSWER] : []),
    ]);
  }
  for (const answer of facts.scoredAnswers) give(answer.userId, answerScoreBadges(answer.answerId, answer.score));
  for (const question of facts.popularQuestions) give(question.userId, [popularQuestionBadge(question.threadId)]);
  return earned;
}
