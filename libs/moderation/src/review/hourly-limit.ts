// Sliding one-hour limits on what new users may post (Stack Exchange's new-user rate limits and
// Discourse's "new user" throttles do the same): spam runs burst, real newcomers rarely do.
export const HOUR_MS = 3_600_000;

/**
 * `times`: when the user's latest actions of one kind happened, newest first, including the one
 * being attempted, back at least an hour (limit + 1 entries suffice). Returns how long to wait
 * before that attempt would be allowed, or null when it is allowed now.
 */
export function secondsUntilAllowed(times: readonly Date[], limit: number, now: Date): number | null {
  if (times.length <= limit) return null;
  // Allowed once the limit-th oldest of the others (index `limit` counting the attempt) leaves the window.
  const leavesAt = times[limit].getTime() + HOUR_MS;
  return Math.max(1, Math.ceil((leavesAt - now.getTime()) / 1000));
}
