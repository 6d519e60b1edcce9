// Writes and reads the role audit log; callers authorise (OperatorService, RoleAuditService).
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import type { TransactionContext } from '@helpboard/database';
import { BoardRole } from '../permissions/board-permissions.js';
import { RoleChangeRecord, RoleKind } from './role-change.schema.js';

/** A board role as the log names it: members hold no team role. */
export function roleKindOf(role: BoardRole | null): RoleKind | null {
  return role === null || role === BoardRole.MEMBER ? null : RoleKind[role as keyof typeof RoleKind];
}

export interface RoleChange {
  operatorId: Types.ObjectId;
  boardId: Types.ObjectId | null;
  userId: Types.ObjectId;
  actorId: string;
  previousRole: RoleKind | null;
  role: RoleKind | null;
  at: Date;
}

export interface RoleAuditFilter {
  operatorId: Types.ObjectId;
  boardId?: Types.ObjectId;
  kind?: RoleKind;
  actorId?: Types.ObjectId;
  /** Entries older than this one. */
  before?: Types.ObjectId;
}

@Injectable()
export class RoleAuditLog {
  constructor(@InjectModel(RoleChangeRecord.name) private readonly entries: Model<RoleChangeRecord>) {}

  /** Records a change inside its transaction; a change between "no team role" and itself is none. */
  async record(tx: TransactionContext, change: RoleChange): Promise<void> {
    if (change.previousRole === change.role) return;
    const kinds = [change.previousRole, change.role].filter((kind): kind is RoleKind => kind !== null);
    await this.entries.create([{ ...change, actorId: new Types.ObjectId(change.actorId), kinds }], {
      session: tx.session,
    });
  }

  find(filter: RoleAuditFilter, limit: number): Promise<RoleChangeRecord[]> {
    return this.entries
      .find({
        operatorId: filter.operatorId,
        ...(filter.boardId ? { boardId: filter.boardId } : {}),
        ...(filter.kind ? { kinds: filter.kind } : {}),
        ...(filter.actorId ? { actorId: filter.actorId } : {}),
        ...(filter.before ? { _id: { $lt: filter.before } } : {}),
      })
      .sort({ _id: -1 })
      .limit(limit)
      .lean<RoleChangeRecord[]>()
      .exec();
  }
}
