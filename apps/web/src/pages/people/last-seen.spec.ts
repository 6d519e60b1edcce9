import { describe, expect, it } from '@jest/globals';
import { lastSeenBucket } from './last-seen.js';

const now = new Date('2026-12-08T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

describe('last seen', () => {
  it('says only the day, week or month, never the time', () => {
    expect(lastSeenBucket(hoursAgo(0.1), now)).toBe('today');
    expect(lastSeenBucket(hoursAgo(23), now)).toBe('today');
    expect(lastSeenBucket(hoursAgo(25), now)).toBe('week');
    expect(lastSeenBucket(hoursAgo(8 * 24), now)).toBe('month');
    expect(lastSeenBucket(hoursAgo(40 * 24), now)).toBe('longAgo');
  });

  it('says nothing when no session tells', () => {
    expect(lastSeenBucket(null, now)).toBeNull();
  });
});
