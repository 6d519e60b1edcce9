import { describe, expect, it } from '@jest/globals';
import { periodOf } from './periods.js';

describe('leaderboard periods', () => {
  it.each([
    ['2026-12-01T10:00:00Z', 'W2026-49'],
    ['2027-01-01T00:00:00Z', 'W2026-53'],
    ['2026-01-01T23:59:59Z', 'W2026-01'],
    ['2024-12-30T00:00:00Z', 'W2025-01'],
    ['2021-01-03T12:00:00Z', 'W2020-53'],
    ['2020-12-31T12:00:00Z', 'W2020-53'],
  ])('puts %s in ISO week %s', (at, week) => {
    expect(periodOf('WEEK', new Date(at))).toBe(week);
  });

  it('names calendar months and years in UTC', () => {
    expect(periodOf('MONTH', new Date('2026-12-31T23:59:59Z'))).toBe('M2026-12');
    expect(periodOf('YEAR', new Date('2027-01-01T00:00:00Z'))).toBe('Y2027');
  });
});
