// How many flags a user may raise in a day. SE: 10 a day to start, one more for every 10 helpful
// flags, at most 100; the board sets the starting number.
const HELPFUL_FLAGS_PER_EXTRA = 10;
const MAX_FLAGS_PER_DAY = 100;

export function dailyFlagAllowance(perDay: number, helpful: number): number {
  return Math.min(MAX_FLAGS_PER_DAY, perDay + Math.floor(helpful / HELPFUL_FLAGS_PER_EXTRA));
}

/** The allowance is per UTC day (as SE's): flags since this instant count. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Seconds until the next UTC day, when a used-up allowance is renewed. */
export function secondsUntilTomorrow(now: Date): number {
  const midnight = startOfUtcDay(now).getTime() + 86_400_000;
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}
