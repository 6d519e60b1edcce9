import { describe, expect, it } from '@jest/globals';
import { dailyFlagAllowance, secondsUntilTomorrow } from './flag-allowance.js';

describe('daily flag allowance', () => {
  it('starts at the board number and grows by one per ten helpful flags, up to 100', () => {
    expect(dailyFlagAllowance(10, 0)).toBe(10);
    expect(dailyFlagAllowance(10, 9)).toBe(10);
    expect(dailyFlagAllowance(10, 25)).toBe(12);
    expect(dailyFlagAllowance(10, 5_000)).toBe(100);
  });

  it('renews at the next UTC midnight', () => {
    expect(secondsUntilTomorrow(new Date('2026-12-07T23:59:00Z'))).toBe(60);
  });
});
