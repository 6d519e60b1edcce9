import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model, Types } from 'mongoose';
import { InfluenceStat } from './influence-stat.schema.js';

export type InfluenceCounter = 'answerViews' | 'answers' | 'acceptedAnswers' | 'followers';

@Injectable()
export class InfluenceStatRepository {
  constructor(@InjectModel(InfluenceStat.name) private readonly stats: Model<InfluenceStat>) {}

  /** Adds to users' counters in several periods, one bulk round trip. */
  async add(
    operatorId: Types.ObjectId,
    periods: readonly string[],
    userIds: readonly Types.ObjectId[],
    inc: Partial<Record<InfluenceCounter, number>>,
    session?: ClientSession,
  ) {
    if (userIds.length === 0) return;
    await this.stats.bulkWrite(
      userIds.flatMap((userId) =>
        periods.map((period) => ({
          updateOne: { filter: { operatorId, period, userId }, update: { $inc: inc }, upsert: true },
        })),
      ),
      { ordered: false, session },
    );
  }

  /** The top users by a counter, among (or outside) a set of users. */
  top(
    operatorId: Types.ObjectId,
    period: string,
    by: InfluenceCounter,
    users: { in: readonly Types.ObjectId[] } | { notIn: readonly Types.ObjectId[] },
    limit: number,
  ): Promise<InfluenceStat[]> {
    const userId = 'in' in users ? { $in: users.in } : { $nin: users.notIn };
    return this.stats
      .find({ operatorId, period, userId, [by]: { $gt: 0 } })
      .sort({ [by]: -1, userId: 1 })
      .limit(limit)
      .lean<InfluenceStat[]>()
      .exec();
  }

  ofUsers(operatorId: Types.ObjectId, period: string, userIds: readonly Types.ObjectId[]): Promise<InfluenceStat[]> {
    return this.stats
      .find({ operatorId, period, userId: { $in: userIds } })
      .lean<InfluenceStat[]>()
      .exec();
  }
}
