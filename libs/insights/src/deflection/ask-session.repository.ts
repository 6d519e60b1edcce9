import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { AskSessionRecord } from './ask-session.schema.js';

@Injectable()
export class AskSessionRepository {
  constructor(@InjectModel(AskSessionRecord.name) private readonly sessions: Model<AskSessionRecord>) {}

  async insert(session: Omit<AskSessionRecord, '_id'>): Promise<Types.ObjectId> {
    const [created] = await this.sessions.create([session]);
    return created._id;
  }

  findById(id: Types.ObjectId): Promise<AskSessionRecord | null> {
    return this.sessions.findById(id).lean<AskSessionRecord>().exec();
  }

  async addOpened(id: Types.ObjectId, threadId: Types.ObjectId): Promise<void> {
    await this.sessions.updateOne({ _id: id }, { $addToSet: { openedThreadIds: threadId } }).exec();
  }

  /** Links the user's latest unanswered session on the board shown since `since` to the question. */
  async markAsked(
    userId: Types.ObjectId,
    boardId: Types.ObjectId,
    since: Date,
    threadId: Types.ObjectId,
    at: Date,
  ): Promise<AskSessionRecord | null> {
    return this.sessions
      .findOneAndUpdate(
        { userId, boardId, askedThreadId: null, shownAt: { $gte: since, $lte: at } },
        { $set: { askedThreadId: threadId, askedAt: at } },
        { sort: { shownAt: -1 } },
      )
      .lean<AskSessionRecord>()
      .exec();
  }

  /** Sessions shown in [from, to) and not followed by a question (their board and when). */
  unasked(from: Date, to: Date, boardId?: Types.ObjectId): Promise<Pick<AskSessionRecord, 'boardId' | 'shownAt'>[]> {
    return this.sessions
      .find(
        { ...(boardId ? { boardId } : {}), askedThreadId: null, shownAt: { $gte: from, $lt: to } },
        { boardId: 1, shownAt: 1 },
      )
      .lean<Pick<AskSessionRecord, 'boardId' | 'shownAt'>[]>()
      .exec();
  }

  count(filter: Record<string, unknown>): Promise<number> {
    return this.sessions.countDocuments(filter).exec();
  }
}
