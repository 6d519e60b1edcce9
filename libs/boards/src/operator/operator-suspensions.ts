// Reads and writes operator-scoped suspensions (moderation decides and audits; referrals reads).
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { Clock } from '@helpboard/core';
import { isInForce, OperatorSuspensionRecord } from './operator-suspension.schema.js';

@Injectable()
export class OperatorSuspensions {
  constructor(
    @InjectModel(OperatorSuspensionRecord.name) private readonly suspensions: Model<OperatorSuspensionRecord>,
    private readonly clock: Clock,
  ) {}

  async isSuspended(operatorId: Types.ObjectId, userId: string): Promise<boolean> {
    if (!Types.ObjectId.isValid(userId)) return false;
    const record = await this.suspensions
      .findOne({ operatorId, userId: new Types.ObjectId(userId) })
      .lean<OperatorSuspensionRecord>()
      .exec();
    return isInForce(record, this.clock.now());
  }

  find(operatorId: Types.ObjectId, userId: Types.ObjectId, session?: ClientSession) {
    return this.suspensions
      .findOne({ operatorId, userId })
      .session(session ?? null)
      .lean<OperatorSuspensionRecord>()
      .exec();
  }

  /** Suspends (until a time, or until lifted), or with `until` undefined lifts the suspension. */
  async set(
    operatorId: Types.ObjectId,
    userId: Types.ObjectId,
    change: { until: Date | null; reason: string } | 'lift',
    session: ClientSession,
  ): Promise<void> {
    const now = this.clock.now();
    const update =
      change === 'lift'
        ? { $set: { liftedAt: now } }
        : { $set: { until: change.until, reason: change.reason, at: now, liftedAt: null } };
    await this.suspensions.updateOne({ operatorId, userId }, update, {
      upsert: change !== 'lift',
      session,
    });
  }
}
