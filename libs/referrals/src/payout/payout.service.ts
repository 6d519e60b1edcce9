// Payouts batch a rep's approved commissions with one operator, per currency, and settle the
// negative adjustments left by reversals of commissions paid earlier. A currency whose balance is
// not positive is carried forward untouched.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, NotFoundError, PreconditionFailedError } from '@helpboard/core';
import { OperatorService } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { UsersService } from '@helpboard/identity';
import { ReferralAuditRepository } from '../audit/referral-audit.repository.js';
import { CommissionStatus } from '../commission/commission-state-machine.js';
import { CommissionRepository } from '../commission/commission.repository.js';
import { CommissionService } from '../commission/commission.service.js';
import { sumMinor } from '../money/commission-rule.js';
import { objectIdOrNull } from '../ids.js';
import { PayoutRepository } from './payout.repository.js';
import type { PayoutRecord } from './payout.schema.js';

@Injectable()
export class PayoutService {
  constructor(
    private readonly payouts: PayoutRepository,
    private readonly commissions: CommissionRepository,
    private readonly commissionService: CommissionService,
    private readonly operators: OperatorService,
    private readonly users: UsersService,
    private readonly audit: ReferralAuditRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async createPayout(actor: Actor, userId: string, operatorSlug: string): Promise<PayoutRecord[]> {
    const operator = await this.operators.requireBySlug(operatorSlug);
    await this.operators.assertAdmin(actor, operator);
    const ownerId = objectIdOrNull(userId);
    if (!ownerId || !(await this.users.findById(userId))) throw new NotFoundError('User', 'USER_NOT_FOUND');
    const now = this.clock.now();
    const created = await this.unitOfWork.run(async (tx) => {
      const approved = await this.commissions.find(
        { ownerId, operatorId: operator._id, status: CommissionStatus.APPROVED },
        tx.session,
      );
      const adjustments = await this.commissions.unsettledAdjustments(ownerId, operator._id, tx.session);
      const currencies = [...new Set([...approved, ...adjustments].map((row) => row.currency))].sort();
      const payouts: PayoutRecord[] = [];
      for (const currency of currencies) {
        const paying = approved.filter((c) => c.currency === currency);
        const settling = adjustments.filter((a) => a.currency === currency);
        const adjustmentsMinor = sumMinor(settling, currency);
        const totalMinor = sumMinor(paying, currency) + adjustmentsMinor;
        if (paying.length === 0 || totalMinor <= 0) continue;
        const payout: PayoutRecord = {
          _id: new Types.ObjectId(),
          ownerId,
          operatorId: operator._id,
          currency,
          totalMinor,
          commissionIds: paying.map((c) => c._id),
          adjustmentIds: settling.map((a) => a._id),
          adjustmentsMinor,
          createdById: new Types.ObjectId(actor.userId),
          createdAt: now,
        };
        for (const commission of paying) {
          // The rows were read in this transaction; a concurrent change makes it retry from scratch.
          const moved = await this.commissionService.move(tx, commission, CommissionStatus.PAID, {
            now,
            actorId: actor.userId,
            payoutId: payout._id,
          });
          if (!moved) throw new Error('commission changed during payout');
        }
        await this.commissions.settleAdjustments(payout.adjustmentIds, payout._id, tx.session);
        await this.payouts.insert(payout, tx.session);
        await this.audit.record(tx.session, [
          {
            entityType: 'payout',
            entityId: payout._id,
            action: 'CREATED',
            to: `${totalMinor} ${currency}`,
            actorId: actor.userId,
            at: now,
          },
        ]);
        payouts.push(payout);
      }
      return payouts;
    });
    if (created.length === 0) throw new PreconditionFailedError('NOTHING_TO_PAY');
    return created;
  }

  payoutsOf(userId: string): Promise<PayoutRecord[]> {
    return this.payouts.forOwner(new Types.ObjectId(userId));
  }
}
