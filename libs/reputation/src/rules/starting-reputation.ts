// Where every reputation starts. SE: each site starts everyone at 1 and never shows less; here
// every scope does the same: overall, on one operator's boards, and on one board.

export const STARTING_REPUTATION = 1;

/**
 * A user's reputation on a board or an operator's boards, from what they earned there (the
 * stored per-scope total, absent when they earned nothing): 1 + earned, never below 1.
 */
export function reputationFromEarned(earned: number | null | undefined): number {
  return Math.max(STARTING_REPUTATION, STARTING_REPUTATION + (earned ?? 0));
}
