import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model, Types } from 'mongoose';
import { BucketGranularity, type BucketWrite } from './buckets.js';
import { InsightBucket } from './insight-bucket.schema.js';

const BATCH = 1_000;

@Injectable()
export class InsightBucketRepository {
  constructor(@InjectModel(InsightBucket.name) private readonly buckets: Model<InsightBucket>) {}

  /** One bulk round trip of upserts with `$inc` (per 1,000 buckets). */
  async add(writes: readonly BucketWrite[], session?: ClientSession): Promise<void> {
    for (let from = 0; from < writes.length; from += BATCH) {
      await this.buckets.bulkWrite(
        writes.slice(from, from + BATCH).map((write) => ({
          updateOne: {
            filter: { scope: write.scope, granularity: write.granularity, start: write.start },
            update: {
              $inc: write.inc,
              $setOnInsert: { operatorId: write.operatorId, boardId: write.boardId, tag: write.tag },
            },
            upsert: true,
          },
        })),
        { ordered: false, session },
      );
    }
  }

  /** The buckets of some scopes in [from, to), oldest first. */
  read(scopes: readonly string[], granularity: BucketGranularity, from: Date, to: Date): Promise<InsightBucket[]> {
    return this.buckets
      .find({ scope: { $in: scopes }, granularity, start: { $gte: from, $lt: to } })
      .sort({ start: 1 })
      .lean<InsightBucket[]>()
      .exec();
  }

  /** Every bucket of a granularity that starts in [from, to) (the detector's active scopes). */
  active(granularity: BucketGranularity, from: Date, to: Date): Promise<InsightBucket[]> {
    return this.buckets
      .find({ granularity, start: { $gte: from, $lt: to } })
      .lean<InsightBucket[]>()
      .exec();
  }

  /** A board's hourly tag buckets in [from, to) (trending tags). */
  tagsOfBoard(boardId: Types.ObjectId, from: Date, to: Date): Promise<InsightBucket[]> {
    return this.buckets
      .find({ boardId, granularity: BucketGranularity.HOUR, tag: { $ne: null }, start: { $gte: from, $lt: to } })
      .select({ tag: 1, start: 1, counts: 1 })
      .lean<InsightBucket[]>()
      .exec();
  }
}
