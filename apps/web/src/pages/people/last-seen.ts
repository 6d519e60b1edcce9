// "Last seen" on a profile, coarse on purpose: the day, the week or the month, never the hour
// (a profile should not tell anyone when its owner is online or asleep).
const DAY_MS = 24 * 3600_000;

export type LastSeen = 'today' | 'week' | 'month' | 'longAgo';

export function lastSeenBucket(lastSeen: Date | null, now: Date): LastSeen | null {
  if (!lastSeen) return null;
  const age = now.getTime() - lastSeen.getTime();
  if (age < DAY_MS) return 'today';
  if (age < 7 * DAY_MS) return 'week';
  if (age < 30 * DAY_MS) return 'month';
  return 'longAgo';
}
