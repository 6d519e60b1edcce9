import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, Types } from 'mongoose';
import { SupportCaseRecord, SupportCaseState } from './support-case.schema.js';

@Injectable()
export class SupportCaseRepository {
  constructor(@InjectModel(SupportCaseRecord.name) private readonly cases: Model<SupportCaseRecord>) {}

  async insert(record: SupportCaseRecord, session: ClientSession): Promise<void> {
    await this.cases.create([record], { session });
  }

  findById(id: Types.ObjectId): Promise<SupportCaseRecord | null> {
    return this.cases.findById(id).lean<SupportCaseRecord>().exec();
  }

  findByThreadIds(threadIds: readonly Types.ObjectId[]): Promise<SupportCaseRecord[]> {
    return this.cases
      .find({ threadId: { $in: threadIds } })
      .lean<SupportCaseRecord[]>()
      .exec();
  }

  /** Changes the state if it is still `from` (no lost update between two staff members). */
  setState(
    id: Types.ObjectId,
    from: SupportCaseState,
    to: SupportCaseState,
    now: Date,
    session: ClientSession,
  ): Promise<SupportCaseRecord | null> {
    return this.cases
      .findOneAndUpdate(
        { _id: id, state: from },
        { $set: { state: to, updatedAt: now, solvedAt: to === SupportCaseState.SOLVED ? now : null } },
        { returnDocument: 'after', session },
      )
      .lean<SupportCaseRecord>()
      .exec();
  }
}
