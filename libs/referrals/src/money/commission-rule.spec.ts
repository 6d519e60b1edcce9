import { describe, expect, it } from '@jest/globals';
import { CommissionKind, commissionFor, isCurrency, ruleProblems, sumMinor } from './commission-rule.js';

const percent = (basisPoints: number) => ({
  kind: CommissionKind.PERCENT,
  amountMinor: null,
  basisPoints,
  currency: 'USD',
});

describe('commission rules', () => {
  it('pays a fixed amount whatever the partner reports', () => {
    const rule = { kind: CommissionKind.FIXED, amountMinor: 250, basisPoints: null, currency: 'EUR' };
    expect(commissionFor(rule, {})).toEqual({ ok: true, money: { amountMinor: 250, currency: 'EUR' } });
  });

  it('rounds a percentage down to the minor unit, exactly for large amounts', () => {
    expect(commissionFor(percent(1250), { amountMinor: 999, currency: 'USD' })).toEqual({
      ok: true,
      money: { amountMinor: 124, currency: 'USD' },
    });
    expect(commissionFor(percent(3333), { amountMinor: 9_007_199_254_740_991, currency: 'USD' })).toEqual({
      ok: true,
      money: { amountMinor: 3_002_099_511_605_172, currency: 'USD' },
    });
  });

  it('needs an amount in the campaign currency for a percentage', () => {
    expect(commissionFor(percent(100), {})).toEqual({ ok: false, reason: 'AMOUNT_REQUIRED' });
    expect(commissionFor(percent(100), { amountMinor: 100, currency: 'EUR' })).toEqual({
      ok: false,
      reason: 'CURRENCY_MISMATCH',
    });
  });

  it('accepts only ISO currencies and whole minor units', () => {
    expect(isCurrency('CNY')).toBe(true);
    expect(isCurrency('XYZ')).toBe(false);
    expect(isCurrency('usd')).toBe(false);
    const fractional = { kind: CommissionKind.FIXED, amountMinor: 1.5, basisPoints: null, currency: 'USD' };
    expect(ruleProblems(fractional)).toEqual([{ field: 'commission.amountMinor', message: 'INVALID_VALUE' }]);
    expect(ruleProblems(percent(10_001))).toHaveLength(1);
  });

  it('sums without losing a minor unit and refuses mixed currencies', () => {
    const cents = Array.from({ length: 1000 }, () => ({ amountMinor: 1, currency: 'USD' }));
    expect(sumMinor(cents, 'USD')).toBe(1000);
    expect(() => sumMinor([{ amountMinor: 1, currency: 'EUR' }], 'USD')).toThrow();
  });
});
