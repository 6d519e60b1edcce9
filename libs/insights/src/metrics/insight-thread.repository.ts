import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types, UpdateQuery } from 'mongoose';
import { InsightThread, type ResolvedBy } from './insight-thread.schema.js';

@Injectable()
export class InsightThreadRepository {
  constructor(@InjectModel(InsightThread.name) private readonly threads: Model<InsightThread>) {}

  /** Inserts once; false when the question was already recorded. */
  async insertOnce(thread: Omit<InsightThread, '_id'>): Promise<boolean> {
    const result = await this.threads
      .updateOne({ threadId: thread.threadId }, { $setOnInsert: thread }, { upsert: true })
      .exec();
    return result.upsertedCount === 1;
  }

  find(threadId: Types.ObjectId): Promise<InsightThread | null> {
    return this.threads.findOne({ threadId }).lean<InsightThread>().exec();
  }

  /** Applies `update` only where `unless` is still null; returns the thread as it was, or null. */
  setOnce(threadId: Types.ObjectId, unless: keyof InsightThread, update: UpdateQuery<InsightThread>) {
    return this.threads
      .findOneAndUpdate({ threadId, [unless]: null }, update, { returnDocument: 'before' })
      .lean<InsightThread>()
      .exec();
  }

  resolve(threadId: Types.ObjectId, by: ResolvedBy, at: Date) {
    return this.setOnce(threadId, 'resolvedBy', { $set: { resolvedBy: by, resolvedAt: at } });
  }

  addAnswerer(threadId: Types.ObjectId, userId: Types.ObjectId): Promise<InsightThread | null> {
    return this.threads
      .findOneAndUpdate({ threadId }, { $addToSet: { answererIds: userId } }, { returnDocument: 'after' })
      .lean<InsightThread>()
      .exec();
  }

  /** Records the new view count; returns the thread as it was (to credit the difference). */
  setViews(threadId: Types.ObjectId, viewCount: number): Promise<InsightThread | null> {
    return this.threads
      .findOneAndUpdate(
        { threadId, viewCount: { $lt: viewCount } },
        { $set: { viewCount } },
        { returnDocument: 'before' },
      )
      .lean<InsightThread>()
      .exec();
  }
}
