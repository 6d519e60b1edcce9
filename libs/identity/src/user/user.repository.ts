import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, Types } from 'mongoose';
import { PlatformRole } from '@helpboard/core';
import { presentIds } from '@helpboard/database';
import { UserRecord } from './user.schema.js';

export type NewUser = Omit<UserRecord, '_id'> & { _id?: Types.ObjectId };

@Injectable()
export class UserRepository {
  constructor(@InjectModel(UserRecord.name) private readonly users: Model<UserRecord>) {}

  async insert(user: NewUser, session?: ClientSession): Promise<UserRecord> {
    const [created] = await this.users.create([user], { session });
    return created.toObject();
  }

  findById(id: string | Types.ObjectId): Promise<UserRecord | null> {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return this.users.findById(id).lean<UserRecord>().exec();
  }

  findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    const valid = ids.filter((id) => Types.ObjectId.isValid(id));
    return this.users
      .find({ _id: { $in: valid } })
      .lean<UserRecord[]>()
      .exec();
  }

  findByHandleKey(handleKey: string): Promise<UserRecord | null> {
    return this.users.findOne({ handleKey }).lean<UserRecord>().exec();
  }

  findByHandleKeys(handleKeys: readonly string[]): Promise<UserRecord[]> {
    return this.users
      .find({ handleKey: { $in: handleKeys } })
      .lean<UserRecord[]>()
      .exec();
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.users.findOne({ email }).lean<UserRecord>().exec();
  }

  /** Sets the avatar URL and returns the record as it was before (its old avatar), in one step. */
  async swapAvatar(id: Types.ObjectId, avatarUrl: string | null, at: Date): Promise<UserRecord | null> {
    return this.users
      .findByIdAndUpdate(id, { $set: { avatarUrl, updatedAt: at } }, { returnDocument: 'before' })
      .lean<UserRecord>()
      .exec();
  }

  async update(
    id: Types.ObjectId,
    changes: Partial<Omit<UserRecord, '_id'>>,
    session?: ClientSession,
  ): Promise<UserRecord | null> {
    return this.users
      .findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after', session })
      .lean<UserRecord>()
      .exec();
  }

  /** Which of these ids exist (importers insert only what is missing). */
  existingIds(ids: readonly Types.ObjectId[], session?: ClientSession): Promise<Set<string>> {
    return presentIds(this.users, ids, session);
  }

  async takenHandleKeys(keys: readonly string[], session?: ClientSession): Promise<Set<string>> {
    const rows = await this.users
      .find({ handleKey: { $in: keys } }, { handleKey: 1 })
      .session(session ?? null)
      .lean<{ handleKey: string }[]>()
      .exec();
    return new Set(rows.map((row) => row.handleKey));
  }

  /** Bulk imports: records built whole by the importer, inserted lean (nothing to cast or validate). */
  async insertMany(users: UserRecord[], session: ClientSession): Promise<void> {
    if (users.length > 0) await this.users.insertMany(users, { session, ordered: false, lean: true });
  }

  /** Moves the users' stateVersion (one atomic update, in `session` when given). */
  async touchState(ids: readonly Types.ObjectId[], session?: ClientSession): Promise<void> {
    if (ids.length === 0) return;
    await this.users.updateMany({ _id: { $in: ids } }, { $inc: { stateVersion: 1 } }, { session });
  }

  countAdmins(): Promise<number> {
    return this.users.countDocuments({ platformRole: PlatformRole.Admin }).exec();
  }
}
