// Where a commission may go from where it is. Pending commissions wait out the campaign's hold;
// approved ones wait for a payout; a paid one can still be reversed (the partner refunded), which
// the next payout settles with a negative adjustment.

export enum CommissionStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  PAID = 'PAID',
  REJECTED = 'REJECTED',
  REVERSED = 'REVERSED',
}

export enum CommissionReason {
  SELF_REFERRAL = 'SELF_REFERRAL',
  FRAUD_SUSPECTED = 'FRAUD_SUSPECTED',
  PARTNER_REVERSED = 'PARTNER_REVERSED',
  POST_REMOVED = 'POST_REMOVED',
  OTHER = 'OTHER',
}

const ALLOWED: Record<CommissionStatus, readonly CommissionStatus[]> = {
  [CommissionStatus.PENDING]: [CommissionStatus.APPROVED, CommissionStatus.REJECTED, CommissionStatus.REVERSED],
  [CommissionStatus.APPROVED]: [CommissionStatus.PAID, CommissionStatus.REVERSED],
  [CommissionStatus.PAID]: [CommissionStatus.REVERSED],
  [CommissionStatus.REJECTED]: [],
  [CommissionStatus.REVERSED]: [],
};

export const CommissionStateMachine = {
  canMove(from: CommissionStatus, to: CommissionStatus): boolean {
    return ALLOWED[from].includes(to);
  },
  /** Statuses that still count towards what a rep earns. */
  isEarning(status: CommissionStatus): boolean {
    return (
      status === CommissionStatus.PENDING || status === CommissionStatus.APPROVED || status === CommissionStatus.PAID
    );
  },
  /** Statuses a reversal can start from. */
  reversible: [CommissionStatus.PENDING, CommissionStatus.APPROVED, CommissionStatus.PAID] as const,
};
