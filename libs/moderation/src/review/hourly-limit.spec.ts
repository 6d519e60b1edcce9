import { describe, expect, it } from '@jest/globals';
import { secondsUntilAllowed } from './hourly-limit.js';

const now = new Date('2026-12-01T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('new-user hourly limit', () => {
  it('allows up to the limit within an hour', () => {
    expect(secondsUntilAllowed([now, minutesAgo(10), minutesAgo(20)], 3, now)).toBeNull();
  });

  it('refuses one more, until the oldest counted action is an hour old', () => {
    // Attempt now; earlier ones 10, 20 and 50 minutes ago; limit 3: wait until the one 50 minutes ago expires.
    expect(secondsUntilAllowed([now, minutesAgo(10), minutesAgo(20), minutesAgo(50)], 3, now)).toBe(10 * 60);
  });
});
