import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model, Types, UpdateQuery } from 'mongoose';
import { InsightThread, type ResolvedBy } from './insight-thread.schema.js';

@Injectable()
export class InsightThreadRepository {
  constructor(@InjectModel(InsightThread.name) private readonly threads: Model<InsightThread>) {}

  /** Inserts once; false when the question was already recorded. */
  async insertOnce(thread: Omit<InsightThread, '_id'>, session?: ClientSession): Promise<boolean> {
    const result = await this.threads
      .updateOne({ threadId: thread.threadId }, { $setOnInsert: thread }, { upsert: true, session })
      .exec();
    return result.upsertedCount === 1;
  }

  find(threadId: Types.ObjectId, session?: ClientSession): Promise<InsightThread | null> {
    return this.threads
      .findOne({ threadId })
      .session(session ?? null)
      .lean<InsightThread>()
      .exec();
  }

  /** Applies `update` only where `unless` is still null; returns the thread as it was, or null. */
  setOnce(
    threadId: Types.ObjectId,
    unless: keyof InsightThread,
    update: UpdateQuery<InsightThread>,
    session?: ClientSession,
  ) {
    return this.threads
      .findOneAndUpdate({ threadId, [unless]: null }, update, { returnDocument: 'before', session })
      .lean<InsightThread>()
      .exec();
  }

  resolve(threadId: Types.ObjectId, by: ResolvedBy, at: Date, session?: ClientSession) {
    return this.setOnce(threadId, 'resolvedBy', { $set: { resolvedBy: by, resolvedAt: at } }, session);
  }

  addAnswerer(threadId: Types.ObjectId, userId: Types.ObjectId, session?: ClientSession) {
    return this.threads
      .findOneAndUpdate({ threadId }, { $addToSet: { answererIds: userId } }, { returnDocument: 'after', session })
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
