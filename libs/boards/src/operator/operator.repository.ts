import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, Types } from 'mongoose';
import { OperatorRecord } from './operator.schema.js';

@Injectable()
export class OperatorRepository {
  constructor(@InjectModel(OperatorRecord.name) private readonly operators: Model<OperatorRecord>) {}

  async insert(operator: Omit<OperatorRecord, '_id'>, session?: ClientSession): Promise<OperatorRecord> {
    const [created] = await this.operators.create([operator], { session });
    return created.toObject();
  }

  findBySlug(slug: string): Promise<OperatorRecord | null> {
    return this.operators.findOne({ slug }).lean<OperatorRecord>().exec();
  }

  findByIds(ids: readonly Types.ObjectId[]): Promise<OperatorRecord[]> {
    return this.operators
      .find({ _id: { $in: ids } })
      .lean<OperatorRecord[]>()
      .exec();
  }

  /** Operators in slug order, for the site's home page. */
  list(limit: number): Promise<OperatorRecord[]> {
    return this.operators.find({}).sort({ slug: 1 }).limit(limit).lean<OperatorRecord[]>().exec();
  }

  async idsAdministeredBy(userId: Types.ObjectId): Promise<Types.ObjectId[]> {
    const rows = await this.operators.find({ adminIds: userId }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>().exec();
    return rows.map((row) => row._id);
  }

  findAdministeredBy(userId: Types.ObjectId): Promise<OperatorRecord[]> {
    return this.operators.find({ adminIds: userId }).sort({ slug: 1 }).lean<OperatorRecord[]>().exec();
  }

  findById(id: Types.ObjectId, session?: ClientSession): Promise<OperatorRecord | null> {
    return this.operators
      .findById(id)
      .session(session ?? null)
      .lean<OperatorRecord>()
      .exec();
  }

  /** Adds or removes an admin; returns the operator after the change. */
  setAdmin(
    id: Types.ObjectId,
    userId: Types.ObjectId,
    isAdmin: boolean,
    session?: ClientSession,
  ): Promise<OperatorRecord | null> {
    const change = isAdmin ? { $addToSet: { adminIds: userId } } : { $pull: { adminIds: userId } };
    return this.operators
      .findByIdAndUpdate(id, change, { returnDocument: 'after', session })
      .lean<OperatorRecord>()
      .exec();
  }
}
