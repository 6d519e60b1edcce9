// Every change of a commission's state goes through here, conditionally on the state it was read
// in, with its audit entry in the same transaction.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { TransactionContext } from '@helpboard/database';
import { ReferralAuditRepository } from '../audit/referral-audit.repository.js';
import { CommissionStatusChanged } from '../events/commission-status-changed.event.js';
import { CommissionReason, CommissionStateMachine, CommissionStatus } from './commission-state-machine.js';
import { CommissionRepository } from './commission.repository.js';
import type { CommissionRecord } from './commission.schema.js';

const statusChanged = (
  commission: CommissionRecord,
  from: CommissionStatus | null,
  to: CommissionStatus,
  reason: CommissionReason | null,
  at: Date,
) =>
  new CommissionStatusChanged(
    commission._id.toHexString(),
    commission.ownerId.toHexString(),
    commission.operatorId.toHexString(),
    commission.boardId.toHexString(),
    commission.postId?.toHexString() ?? null,
    from,
    to,
    reason,
    commission.amountMinor,
    commission.currency,
    at,
  );

@Injectable()
export class CommissionService {
  constructor(
    private readonly commissions: CommissionRepository,
    private readonly audit: ReferralAuditRepository,
  ) {}

  async create(tx: TransactionContext, commission: CommissionRecord, actorId: string | null): Promise<void> {
    await this.commissions.insert(commission, tx.session);
    await this.audit.record(tx.session, [
      {
        entityType: 'commission',
        entityId: commission._id,
        action: 'CREATED',
        to: commission.status,
        reason: commission.reason,
        actorId,
        at: commission.createdAt,
      },
    ]);
    tx.publishAfterCommit(statusChanged(commission, null, commission.status, commission.reason, commission.createdAt));
  }

  /** Moves a commission; false when it had already moved (someone else's change won). */
  async move(
    tx: TransactionContext,
    commission: CommissionRecord,
    to: CommissionStatus,
    change: { now: Date; actorId: string | null; reason?: CommissionReason | null; payoutId?: Types.ObjectId },
  ): Promise<boolean> {
    if (!CommissionStateMachine.canMove(commission.status, to)) return false;
    const moved = await this.commissions.transition(
      commission._id,
      commission.status,
      {
        status: to,
        updatedAt: change.now,
        ...(change.reason !== undefined ? { reason: change.reason } : {}),
        ...(change.payoutId ? { payoutId: change.payoutId } : {}),
      },
      tx.session,
    );
    if (!moved) return false;
    await this.audit.record(tx.session, [
      {
        entityType: 'commission',
        entityId: commission._id,
        action: 'STATUS_CHANGED',
        from: commission.status,
        to,
        reason: change.reason ?? null,
        actorId: change.actorId,
        at: change.now,
      },
    ]);
    const reason = change.reason !== undefined ? change.reason : commission.reason;
    tx.publishAfterCommit(statusChanged(commission, commission.status, to, reason, change.now));
    return true;
  }

  /** Reverses; money already paid comes back as a negative adjustment on the next payout. */
  async reverse(
    tx: TransactionContext,
    commission: CommissionRecord,
    reason: CommissionReason,
    now: Date,
    actorId: string | null,
  ): Promise<boolean> {
    const wasPaid = commission.status === CommissionStatus.PAID;
    if (!(await this.move(tx, commission, CommissionStatus.REVERSED, { now, actorId, reason }))) return false;
    if (wasPaid) {
      await this.commissions.insertAdjustment(
        {
          _id: new Types.ObjectId(),
          ownerId: commission.ownerId,
          operatorId: commission.operatorId,
          commissionId: commission._id,
          amountMinor: -commission.amountMinor,
          currency: commission.currency,
          payoutId: null,
          createdAt: now,
        },
        tx.session,
      );
    }
    return true;
  }

  /** Every reversible commission earned through a post (moderation deleted it). */
  async reverseForPost(tx: TransactionContext, postId: string, reason: CommissionReason, now: Date, actorId: string) {
    const affected = await this.commissions.find(
      { postId: new Types.ObjectId(postId), status: { $in: CommissionStateMachine.reversible } },
      tx.session,
    );
    for (const commission of affected) await this.reverse(tx, commission, reason, now, actorId);
  }

  /** Hidden posts freeze their pending commissions (the approval job skips them) until restored. */
  async setFrozenForPost(tx: TransactionContext, postId: string, isFrozen: boolean, now: Date, actorId: string) {
    const affected = await this.commissions.setFrozen(
      new Types.ObjectId(postId),
      isFrozen ? now : null,
      now,
      tx.session,
    );
    await this.audit.record(
      tx.session,
      affected.map((commission) => ({
        entityType: 'commission' as const,
        entityId: commission._id,
        action: isFrozen ? 'FROZEN' : 'UNFROZEN',
        reason: isFrozen ? 'POST_HIDDEN' : 'POST_RESTORED',
        actorId,
        at: now,
      })),
    );
  }

  findByConversion(conversionId: Types.ObjectId, tx?: TransactionContext): Promise<CommissionRecord | null> {
    return this.commissions.find({ conversionId }, tx?.session).then((rows) => rows[0] ?? null);
  }

  ofOwner(ownerId: string, limit: number, before?: Types.ObjectId): Promise<CommissionRecord[]> {
    return this.commissions.forOwner(new Types.ObjectId(ownerId), limit, before);
  }
}
