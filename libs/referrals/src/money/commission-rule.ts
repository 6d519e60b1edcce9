// Money is integer minor units with an ISO 4217 currency; nothing here ever holds a float.
// A percentage is in basis points (1250 = 12.5 %) and rounds down to the minor unit, so the
// platform never promises a fraction of a cent it would have to invent.

export interface Money {
  amountMinor: number;
  currency: string;
}

export enum CommissionKind {
  FIXED = 'FIXED',
  PERCENT = 'PERCENT',
}

export interface CommissionRule {
  kind: CommissionKind;
  /** FIXED: paid per conversion. */
  amountMinor: number | null;
  /** PERCENT: of the amount the partner reports. */
  basisPoints: number | null;
  currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;
/** Beyond 2^53 integers stop being exact in JavaScript numbers. */
export const MAX_MINOR = Number.MAX_SAFE_INTEGER;

export function isCurrency(value: string): boolean {
  return CURRENCY.test(value) && Intl.supportedValuesOf('currency').includes(value);
}

export function isMinorAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Problems with a rule, as `field: message key` pairs. */
export function ruleProblems(rule: CommissionRule): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!isCurrency(rule.currency)) problems.push({ field: 'commission.currency', message: 'INVALID_CURRENCY' });
  if (rule.kind === CommissionKind.FIXED) {
    if (!isMinorAmount(rule.amountMinor) || rule.amountMinor === 0)
      problems.push({ field: 'commission.amountMinor', message: 'INVALID_VALUE' });
  } else if (!Number.isInteger(rule.basisPoints) || rule.basisPoints! < 1 || rule.basisPoints! > 10_000) {
    problems.push({ field: 'commission.basisPoints', message: 'INVALID_VALUE' });
  }
  return problems;
}

export type CommissionAmount =
  { ok: true; money: Money } | { ok: false; reason: 'AMOUNT_REQUIRED' | 'CURRENCY_MISMATCH' };

/** What one conversion earns under a rule, given what the partner reported. */
export function commissionFor(rule: CommissionRule, reported: Partial<Money>): CommissionAmount {
  if (rule.kind === CommissionKind.FIXED)
    return { ok: true, money: { amountMinor: rule.amountMinor!, currency: rule.currency } };
  if (reported.amountMinor === undefined || reported.currency === undefined)
    return { ok: false, reason: 'AMOUNT_REQUIRED' };
  if (reported.currency !== rule.currency) return { ok: false, reason: 'CURRENCY_MISMATCH' };
  const amount = (BigInt(reported.amountMinor) * BigInt(rule.basisPoints!)) / 10_000n;
  return { ok: true, money: { amountMinor: Number(amount), currency: rule.currency } };
}

/** Sums amounts of one currency exactly; mixing currencies is a bug, not a conversion. */
export function sumMinor(amounts: readonly Money[], currency: string): number {
  let total = 0n;
  for (const money of amounts) {
    if (money.currency !== currency) throw new Error(`cannot add ${money.currency} to ${currency}`);
    total += BigInt(money.amountMinor);
  }
  if (total > BigInt(MAX_MINOR) || total < -BigInt(MAX_MINOR)) throw new Error('amount out of range');
  return Number(total);
}
