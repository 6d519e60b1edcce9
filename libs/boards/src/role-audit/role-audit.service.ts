// The operator-wide role audit, for its admins (and platform admins): filtered by board, by kind
// of role and by who made the change, newest first, a page at a time.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, InvalidInputError, NotFoundError } from '@helpboard/core';
import { UsersService } from '@helpboard/identity';
import { BoardService } from '../board/board.service.js';
import { OperatorService } from '../operator/operator.service.js';
import { type RoleAuditFilter, RoleAuditLog } from './role-audit-log.js';
import type { RoleChangeRecord, RoleKind } from './role-change.schema.js';

export const ROLE_AUDIT_PAGE = { default: 50, max: 100 };

export interface RoleAuditQuery {
  operatorSlug: string;
  boardSlug?: string | null;
  kind?: RoleKind | null;
  actorHandle?: string | null;
  /** An entry id: entries older than it. */
  before?: string | null;
  first?: number | null;
}

@Injectable()
export class RoleAuditService {
  constructor(
    private readonly log: RoleAuditLog,
    private readonly operators: OperatorService,
    private readonly boards: BoardService,
    private readonly users: UsersService,
  ) {}

  async list(actor: Actor, query: RoleAuditQuery): Promise<RoleChangeRecord[]> {
    const operator = await this.operators.requireBySlug(query.operatorSlug);
    await this.operators.assertAdmin(actor, operator);
    const filter: RoleAuditFilter = { operatorId: operator._id };
    if (query.boardSlug) {
      const board = await this.boards.requireBoard(query.boardSlug);
      if (!board.operatorId.equals(operator._id)) throw new NotFoundError('Board', 'BOARD_NOT_FOUND');
      filter.boardId = board._id;
    }
    if (query.kind) filter.kind = query.kind;
    if (query.actorHandle) {
      const [user] = await this.users.findByHandles([query.actorHandle]);
      if (!user) throw new InvalidInputError([{ field: 'actorHandle', message: 'UNKNOWN_HANDLE' }]);
      filter.actorId = user._id;
    }
    if (query.before) {
      if (!Types.ObjectId.isValid(query.before)) {
        throw new InvalidInputError([{ field: 'before', message: 'INVALID_VALUE' }]);
      }
      filter.before = new Types.ObjectId(query.before);
    }
    const first = Math.min(Math.max(query.first ?? ROLE_AUDIT_PAGE.default, 1), ROLE_AUDIT_PAGE.max);
    return this.log.find(filter, first);
  }
}
