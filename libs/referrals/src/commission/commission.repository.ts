import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { CommissionStatus } from './commission-state-machine.js';
import { AdjustmentRecord, CommissionRecord } from './commission.schema.js';

@Injectable()
export class CommissionRepository {
  constructor(
    @InjectModel(CommissionRecord.name) private readonly commissions: Model<CommissionRecord>,
    @InjectModel(AdjustmentRecord.name) private readonly adjustments: Model<AdjustmentRecord>,
  ) {}

  async insert(commission: CommissionRecord, session: ClientSession): Promise<void> {
    await this.commissions.create([commission], { session });
  }

  findById(id: Types.ObjectId, session?: ClientSession): Promise<CommissionRecord | null> {
    return this.commissions
      .findById(id)
      .session(session ?? null)
      .lean<CommissionRecord>()
      .exec();
  }

  find(filter: Record<string, unknown>, session?: ClientSession): Promise<CommissionRecord[]> {
    return this.commissions
      .find(filter)
      .sort({ _id: 1 })
      .session(session ?? null)
      .lean<CommissionRecord[]>()
      .exec();
  }

  /** Pending, past their hold, not frozen and not waiting for review. */
  dueForApproval(now: Date, limit: number, after?: Types.ObjectId): Promise<CommissionRecord[]> {
    return this.commissions
      .find({
        status: CommissionStatus.PENDING,
        holdUntil: { $lte: now },
        frozenAt: null,
        needsReview: false,
        ...(after ? { _id: { $gt: after } } : {}),
      })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<CommissionRecord[]>()
      .exec();
  }

  /**
   * Moves one commission only if it is still in `from`: two concurrent changes cannot both apply.
   * Returns the updated row, or null when it had moved meanwhile.
   */
  transition(
    id: Types.ObjectId,
    from: CommissionStatus,
    set: Partial<CommissionRecord>,
    session: ClientSession,
  ): Promise<CommissionRecord | null> {
    return this.commissions
      .findOneAndUpdate({ _id: id, status: from }, { $set: set }, { session, returnDocument: 'after' })
      .lean<CommissionRecord>()
      .exec();
  }

  async clearReview(id: Types.ObjectId, now: Date, session: ClientSession): Promise<boolean> {
    const result = await this.commissions
      .updateOne({ _id: id, needsReview: true }, { $set: { needsReview: false, updatedAt: now } }, { session })
      .exec();
    return result.modifiedCount === 1;
  }

  async setFrozen(postId: Types.ObjectId, frozenAt: Date | null, now: Date, session: ClientSession) {
    const filter = { postId, status: CommissionStatus.PENDING, frozenAt: frozenAt ? null : { $ne: null } };
    const affected = await this.find(filter, session);
    await this.commissions.updateMany(filter, { $set: { frozenAt, updatedAt: now } }, { session }).exec();
    return affected;
  }

  forOwner(ownerId: Types.ObjectId, limit: number, before?: Types.ObjectId): Promise<CommissionRecord[]> {
    return this.commissions
      .find({ ownerId, ...(before ? { _id: { $lt: before } } : {}) })
      .sort({ _id: -1 })
      .limit(limit)
      .lean<CommissionRecord[]>()
      .exec();
  }

  async insertAdjustment(adjustment: AdjustmentRecord, session: ClientSession): Promise<void> {
    await this.adjustments.create([adjustment], { session });
  }

  unsettledAdjustments(ownerId: Types.ObjectId, operatorId: Types.ObjectId, session: ClientSession) {
    return this.adjustments
      .find({ ownerId, operatorId, payoutId: null })
      .session(session)
      .lean<AdjustmentRecord[]>()
      .exec();
  }

  async settleAdjustments(ids: Types.ObjectId[], payoutId: Types.ObjectId, session: ClientSession) {
    await this.adjustments
      .updateMany({ _id: { $in: ids }, payoutId: null }, { $set: { payoutId } }, { session })
      .exec();
  }

  /** Commissions of every status (count and sum per currency) grouped by one field and status. */
  statusTotalsBy(match: Record<string, unknown>, field: 'postId' | 'linkId') {
    return this.commissions
      .aggregate<{
        _id: { key: Types.ObjectId | null; status: CommissionStatus; currency: string };
        count: number;
        amountMinor: number;
      }>([
        { $match: match },
        {
          $group: {
            _id: { key: `$${field}`, status: '$status', currency: '$currency' },
            count: { $sum: 1 },
            amountMinor: { $sum: '$amountMinor' },
          },
        },
      ])
      .exec();
  }

  /** Earning commissions (count and sum of minor units per currency) grouped by one field. */
  async earningsBy(match: Record<string, unknown>, field: 'linkId' | 'boardId' | 'ownerId' | 'postId' | 'campaignId') {
    return this.commissions
      .aggregate<{ _id: { key: Types.ObjectId | null; currency: string }; conversions: number; amountMinor: number }>([
        {
          $match: {
            ...match,
            status: { $in: [CommissionStatus.PENDING, CommissionStatus.APPROVED, CommissionStatus.PAID] },
          },
        },
        {
          $group: {
            _id: { key: `$${field}`, currency: '$currency' },
            conversions: { $sum: 1 },
            amountMinor: { $sum: '$amountMinor' },
          },
        },
      ])
      .exec();
  }
}
