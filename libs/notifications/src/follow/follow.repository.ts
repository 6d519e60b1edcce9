import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, Types } from 'mongoose';
import { keysetFilter, type SortSpec, sortDocument } from '@helpboard/core';
import { FollowRecord, FollowTargetType } from './follow.schema.js';

export const FOLLOW_ORDER: SortSpec = [
  ['createdAt', -1],
  ['_id', -1],
];

export interface FollowTarget {
  targetType: FollowTargetType;
  targetId: Types.ObjectId;
  tag: string;
}

@Injectable()
export class FollowRepository {
  constructor(@InjectModel(FollowRecord.name) private readonly follows: Model<FollowRecord>) {}

  async add(userId: Types.ObjectId, target: FollowTarget, now: Date, session?: ClientSession): Promise<FollowRecord> {
    return (await this.follows
      .findOneAndUpdate(
        { userId, ...target },
        { $setOnInsert: { createdAt: now } },
        { upsert: true, session, returnDocument: 'after' },
      )
      .lean<FollowRecord>()
      .exec())!;
  }

  /** Like `add`; also says whether the follow is new. */
  async addOnce(
    userId: Types.ObjectId,
    target: FollowTarget,
    now: Date,
  ): Promise<{ record: FollowRecord; isNew: boolean }> {
    const result = await this.follows
      .updateOne({ userId, ...target }, { $setOnInsert: { createdAt: now } }, { upsert: true })
      .exec();
    const record = (await this.follows
      .findOne({ userId, ...target })
      .lean<FollowRecord>()
      .exec())!;
    return { record, isNew: result.upsertedCount === 1 };
  }

  async remove(userId: Types.ObjectId, target: FollowTarget): Promise<boolean> {
    const result = await this.follows.deleteOne({ userId, ...target }).exec();
    return result.deletedCount === 1;
  }

  /** Followers of any of the targets, each once. */
  async followerIds(targets: FollowTarget[]): Promise<string[]> {
    if (targets.length === 0) return [];
    const ids: Types.ObjectId[] = await this.follows.distinct('userId', { $or: targets }).exec();
    return ids.map((id) => id.toHexString());
  }

  isFollowing(userId: Types.ObjectId, target: FollowTarget): Promise<boolean> {
    return this.follows
      .exists({ userId, ...target })
      .exec()
      .then((found) => found !== null);
  }

  async followedThreadIds(userId: Types.ObjectId, limit: number): Promise<string[]> {
    const rows = await this.follows
      .find({ userId, targetType: FollowTargetType.THREAD }, { targetId: 1, _id: 0 })
      .limit(limit)
      .lean<{ targetId: Types.ObjectId }[]>()
      .exec();
    return rows.map((row) => row.targetId.toHexString());
  }

  list(userId: Types.ObjectId, limit: number, after?: readonly unknown[]): Promise<FollowRecord[]> {
    const conditions: Record<string, unknown>[] = [{ userId }];
    if (after) conditions.push(keysetFilter(FOLLOW_ORDER, after));
    return this.follows
      .find({ $and: conditions })
      .sort(sortDocument(FOLLOW_ORDER))
      .limit(limit)
      .lean<FollowRecord[]>()
      .exec();
  }
}
