import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model, Types } from 'mongoose';
import { PostSignal } from './post-signal.schema.js';

@Injectable()
export class PostSignalRepository {
  constructor(@InjectModel(PostSignal.name) private readonly signals: Model<PostSignal>) {}

  /** Stores a post's score once; false when it was already scored. */
  async insertOnce(signal: Omit<PostSignal, '_id'>, session?: ClientSession): Promise<boolean> {
    const result = await this.signals
      .updateOne({ postId: signal.postId }, { $setOnInsert: signal }, { upsert: true, session })
      .exec();
    return result.upsertedCount === 1;
  }

  ofThreads(threadIds: readonly Types.ObjectId[]): Promise<PostSignal[]> {
    return this.signals
      .find({ threadId: { $in: threadIds } })
      .sort({ at: 1, _id: 1 })
      .lean<PostSignal[]>()
      .exec();
  }

  /** A board's posts in [from, to): only what counting needs. */
  onBoard(boardId: Types.ObjectId, from: Date, to: Date, filter: Record<string, unknown> = {}): Promise<PostSignal[]> {
    return this.signals
      .find({ boardId, at: { $gte: from, $lt: to }, ...filter })
      .select({ kind: 1, tags: 1, terms: 1, threadId: 1, isNegative: 1, authorId: 1, at: 1 })
      .lean<PostSignal[]>()
      .exec();
  }

  /** Negative posts in [from, to) by authors with at least `reputation` on their operator. */
  negativeByReputed(from: Date, to: Date, reputation: number): Promise<PostSignal[]> {
    return this.signals
      .find({ at: { $gte: from, $lt: to }, isNegative: true, authorReputation: { $gte: reputation } })
      .lean<PostSignal[]>()
      .exec();
  }

  /** An author's posts on an operator before `before`, newest first. */
  recentOf(authorId: Types.ObjectId, operatorId: Types.ObjectId, before: Date, limit: number): Promise<PostSignal[]> {
    return this.signals
      .find({ authorId, operatorId, at: { $lt: before } })
      .sort({ at: -1 })
      .limit(limit)
      .lean<PostSignal[]>()
      .exec();
  }

  /** The terms of a board's latest posts in [from, to), at most `limit` posts (trending terms). */
  termsOnBoard(
    boardId: Types.ObjectId,
    from: Date,
    to: Date,
    limit: number,
  ): Promise<Pick<PostSignal, 'terms' | 'at'>[]> {
    return this.signals
      .find({ boardId, at: { $gte: from, $lt: to } })
      .sort({ at: -1 })
      .limit(limit)
      .select({ terms: 1, at: 1 })
      .lean<Pick<PostSignal, 'terms' | 'at'>[]>()
      .exec();
  }
}
