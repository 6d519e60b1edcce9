import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { keysetFilter, type SortSpec, sortDocument } from '@helpboard/core';
import { AnswerShareRecord } from './answer-share.schema.js';

export const SHARE_ORDER: SortSpec = [
  ['createdAt', -1],
  ['_id', -1],
];

@Injectable()
export class AnswerShareRepository {
  constructor(@InjectModel(AnswerShareRecord.name) private readonly shares: Model<AnswerShareRecord>) {}

  /** The existing link for (answer, channel, sharer), or this new one; the unique keys decide races. */
  async findOrCreate(share: Omit<AnswerShareRecord, '_id'>): Promise<AnswerShareRecord> {
    const { answerId, channel, sharedBy, ...rest } = share;
    try {
      return (await this.shares
        .findOneAndUpdate(
          { answerId, channel, sharedBy },
          { $setOnInsert: rest },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<AnswerShareRecord>()
        .exec())!;
    } catch (error) {
      // Two shares at once: the other one's insert won, and its link is the one to use.
      if ((error as { code?: unknown }).code !== 11000) throw error;
      return (await this.shares.findOne({ answerId, channel, sharedBy }).lean<AnswerShareRecord>().exec())!;
    }
  }

  /** Counts an open; null when no link has this code. */
  recordOpen(code: string, at: Date): Promise<AnswerShareRecord | null> {
    return this.shares
      .findOneAndUpdate({ code }, { $inc: { opens: 1 }, $set: { lastOpenedAt: at } }, { returnDocument: 'after' })
      .lean<AnswerShareRecord>()
      .exec();
  }

  list(boardId: Types.ObjectId, limit: number, after?: readonly unknown[]): Promise<AnswerShareRecord[]> {
    const conditions: Record<string, unknown>[] = [{ boardId }];
    if (after) conditions.push(keysetFilter(SHARE_ORDER, after));
    return this.shares
      .find({ $and: conditions })
      .sort(sortDocument(SHARE_ORDER))
      .limit(limit)
      .lean<AnswerShareRecord[]>()
      .exec();
  }
}
