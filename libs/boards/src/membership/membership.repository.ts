import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, Types } from 'mongoose';
import { BoardRole } from '../permissions/board-permissions.js';
import { MembershipRecord } from './membership.schema.js';

@Injectable()
export class MembershipRepository {
  constructor(@InjectModel(MembershipRecord.name) private readonly memberships: Model<MembershipRecord>) {}

  find(boardId: Types.ObjectId, userId: Types.ObjectId, session?: ClientSession): Promise<MembershipRecord | null> {
    return this.memberships
      .findOne({ boardId, userId })
      .session(session ?? null)
      .lean<MembershipRecord>()
      .exec();
  }

  /** For DataLoaders: one user's roles on many boards. */
  findForUser(userId: Types.ObjectId, boardIds: readonly Types.ObjectId[]): Promise<MembershipRecord[]> {
    return this.memberships
      .find({ userId, boardId: { $in: boardIds } })
      .lean<MembershipRecord[]>()
      .exec();
  }

  /** A user's memberships with one of these roles (the site's list of their staff pages). */
  withRolesOf(userId: Types.ObjectId, roles: readonly BoardRole[]): Promise<MembershipRecord[]> {
    return this.memberships
      .find({ userId, role: { $in: roles } })
      .lean<MembershipRecord[]>()
      .exec();
  }

  /** Every board a user holds a role on. */
  boardIdsOf(userId: Types.ObjectId): Promise<Types.ObjectId[]> {
    return this.memberships
      .find({ userId }, { boardId: 1 })
      .lean<{ boardId: Types.ObjectId }[]>()
      .exec()
      .then((rows) => rows.map((row) => row.boardId));
  }

  /** For DataLoaders: many users' roles on one board (author cards, staff labels). */
  findForBoard(boardId: Types.ObjectId, userIds: readonly Types.ObjectId[]): Promise<MembershipRecord[]> {
    return this.memberships
      .find({ boardId, userId: { $in: userIds } })
      .lean<MembershipRecord[]>()
      .exec();
  }

  findByRole(boardId: Types.ObjectId, roles: BoardRole[]): Promise<MembershipRecord[]> {
    return this.memberships
      .find({ boardId, role: { $in: roles } })
      .lean<MembershipRecord[]>()
      .exec();
  }

  /** Inserts or changes a membership; returns whether it is new (for the member count). */
  async upsert(
    boardId: Types.ObjectId,
    userId: Types.ObjectId,
    role: BoardRole,
    grantedBy: Types.ObjectId | null,
    now: Date,
    session: ClientSession,
  ): Promise<boolean> {
    const result = await this.memberships.updateOne(
      { boardId, userId },
      { $set: { role, grantedBy, updatedAt: now }, $setOnInsert: { createdAt: now } },
      { upsert: true, session },
    );
    return result.upsertedCount === 1;
  }

  async remove(boardId: Types.ObjectId, userId: Types.ObjectId, session: ClientSession): Promise<boolean> {
    const result = await this.memberships.deleteOne({ boardId, userId }, { session });
    return result.deletedCount === 1;
  }

  countByRole(boardId: Types.ObjectId, role: BoardRole, session?: ClientSession): Promise<number> {
    return this.memberships
      .countDocuments({ boardId, role })
      .session(session ?? null)
      .exec();
  }
}
