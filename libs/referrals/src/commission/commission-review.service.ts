// Flagged commissions (no click, the rep's own address) wait for a person: an admin of
// the paying operator clears them (the hold still applies) or rejects them as suspected fraud.
import { Injectable } from '@nestjs/common';
import { type Actor, Clock, NotFoundError, PreconditionFailedError } from '@helpboard/core';
import { OperatorService } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { ReferralAuditRepository } from '../audit/referral-audit.repository.js';
import { requireObjectId } from '../ids.js';
import { CommissionReason, CommissionStatus } from './commission-state-machine.js';
import { CommissionRepository } from './commission.repository.js';
import type { CommissionRecord } from './commission.schema.js';
import { CommissionService } from './commission.service.js';

@Injectable()
export class CommissionReviewService {
  constructor(
    private readonly commissions: CommissionRepository,
    private readonly service: CommissionService,
    private readonly operators: OperatorService,
    private readonly audit: ReferralAuditRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async review(actor: Actor, commissionId: string, isApproved: boolean): Promise<CommissionRecord> {
    const id = requireObjectId(commissionId, 'Commission', 'COMMISSION_NOT_FOUND');
    const commission = await this.commissions.findById(id);
    if (!commission) throw new NotFoundError('Commission', 'COMMISSION_NOT_FOUND');
    const [operator] = await this.operators.findByIds([commission.operatorId]);
    await this.operators.assertAdmin(actor, operator);
    if (!commission.needsReview || commission.status !== CommissionStatus.PENDING)
      throw new PreconditionFailedError('COMMISSION_NOT_UNDER_REVIEW');
    const now = this.clock.now();
    await this.unitOfWork.run(async (tx) => {
      if (isApproved) {
        if (!(await this.commissions.clearReview(id, now, tx.session)))
          throw new PreconditionFailedError('COMMISSION_NOT_UNDER_REVIEW');
        await this.audit.record(tx.session, [
          { entityType: 'commission', entityId: id, action: 'REVIEW_CLEARED', actorId: actor.userId, at: now },
        ]);
      } else {
        const moved = await this.service.move(tx, commission, CommissionStatus.REJECTED, {
          now,
          actorId: actor.userId,
          reason: CommissionReason.FRAUD_SUSPECTED,
        });
        if (!moved) throw new PreconditionFailedError('COMMISSION_NOT_UNDER_REVIEW');
      }
    });
    return (await this.commissions.findById(id))!;
  }
}
