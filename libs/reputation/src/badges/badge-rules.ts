// When badges are earned (defaults from the product brief).
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

export function answerScoreBadges(answerId: string, score: number): EarnedBadge[] {
  const badges: EarnedBadge[] = [];
  if (score >= 10) badges.push({ kind: BadgeKind.GOOD_ANSWER, tier: BadgeTier.BRONZE, subject: answerId });
  if (score >= 50) badges.push({ kind: BadgeKind.GREAT_ANSWER, tier: BadgeTier.SILVER, subject: answerId });
  return badges;
}

export const HELPFUL_OFFICIAL_ANSWERS = 10;

/** Popular Question: a question read this many times (views are counted once per reader per hour). */
export const POPULAR_QUESTION_VIEWS = 1_000;
