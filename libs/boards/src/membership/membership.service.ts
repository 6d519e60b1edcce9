// Board roles: members join and leave by themselves; expert, staff and moderator roles are
// granted by board owners and operator admins; owners only by operator admins.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, ForbiddenError } from '@helpboard/core';
import { UnitOfWork } from '@helpboard/database';
import { UsersService } from '@helpboard/identity';
import { BoardService } from '../board/board.service.js';
import { BoardRecord } from '../board/board.schema.js';
import { BoardRepository } from '../board/board.repository.js';
import { BoardRoleChanged } from '../events/board-role-changed.event.js';
import { OperatorService } from '../operator/operator.service.js';
import { BoardAccessService } from '../permissions/board-access.service.js';
import { BoardAction, BoardRole } from '../permissions/board-permissions.js';
import { MembershipRepository } from './membership.repository.js';
import { MembershipRecord } from './membership.schema.js';
import { RoleAuditLog, roleKindOf } from '../role-audit/role-audit-log.js';

@Injectable()
export class MembershipService {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly boardRepository: BoardRepository,
    private readonly boards: BoardService,
    private readonly operators: OperatorService,
    private readonly access: BoardAccessService,
    private readonly users: UsersService,
    private readonly roleAudit: RoleAuditLog,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Grants, changes or (with `role` null) removes a user's role on a board. */
  async setRole(actor: Actor, boardSlug: string, handle: string, role: BoardRole | null): Promise<BoardRecord> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.ManageRoles, board);
    const user = await this.users.requireByHandle(handle);
    const current = await this.memberships.find(board._id, user._id);
    if (role === BoardRole.OWNER || current?.role === BoardRole.OWNER) {
      const [operator] = await this.operators.findByIds([board.operatorId]);
      if (!this.operators.isAdmin(actor, operator)) throw new ForbiddenError('OWNER_GRANT_REQUIRES_OPERATOR_ADMIN');
    }
    await this.change(board, user._id, current, role, actor);
    return board;
  }

  async join(actor: Actor, boardSlug: string): Promise<BoardRecord> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.Participate, board);
    const userId = new Types.ObjectId(actor.userId);
    const current = await this.memberships.find(board._id, userId);
    if (!current) await this.change(board, userId, null, BoardRole.MEMBER, actor);
    return board;
  }

  async leave(actor: Actor, boardSlug: string): Promise<BoardRecord> {
    const board = await this.boards.requireBoard(boardSlug);
    const userId = new Types.ObjectId(actor.userId);
    const current = await this.memberships.find(board._id, userId);
    if (current) await this.change(board, userId, current, null, actor);
    return board;
  }

  boardBySlug(slug: string): Promise<BoardRecord> {
    return this.boards.requireBoard(slug);
  }

  /** Roles of many users on one board, for author cards and staff labels (one query). */
  async rolesOnBoard(boardId: Types.ObjectId, userIds: readonly Types.ObjectId[]): Promise<Map<string, BoardRole>> {
    const rows = await this.memberships.findForBoard(boardId, userIds);
    return new Map(rows.map((row) => [row.userId.toHexString(), row.role]));
  }

  async usersWithRoles(boardId: Types.ObjectId, roles: BoardRole[]): Promise<MembershipRecord[]> {
    return this.memberships.findByRole(boardId, roles);
  }

  /** Which of these roles a user holds, by board id (one query; the site's navigation and pages). */
  async teamRolesOf(userId: string, roles: readonly BoardRole[]): Promise<Map<string, BoardRole>> {
    const rows = await this.memberships.withRolesOf(new Types.ObjectId(userId), roles);
    return new Map(rows.map((row) => [row.boardId.toHexString(), row.role]));
  }

  /** The boards on which a user holds one of these roles, with the role (two queries). */
  async boardsWithRolesOf(
    userId: string,
    roles: readonly BoardRole[],
  ): Promise<{ board: BoardRecord; role: BoardRole }[]> {
    const rows = await this.memberships.withRolesOf(new Types.ObjectId(userId), roles);
    const boards = new Map(
      (await this.boards.findByIds(rows.map((row) => row.boardId))).map((board) => [board._id.toHexString(), board]),
    );
    return rows.flatMap((row) => {
      const board = boards.get(row.boardId.toHexString());
      return board ? [{ board, role: row.role }] : [];
    });
  }

  private async change(
    board: BoardRecord,
    userId: Types.ObjectId,
    current: MembershipRecord | null,
    role: BoardRole | null,
    actor: Actor,
  ): Promise<void> {
    if ((current?.role ?? null) === role) return;
    const now = this.clock.now();
    const actorId = new Types.ObjectId(actor.userId);
    await this.unitOfWork.run(async (tx) => {
      // The role as this transaction sees it: of two concurrent grants, each logs what it replaced.
      const replaced = await this.memberships.find(board._id, userId, tx.session);
      if (role === null) {
        if (await this.memberships.remove(board._id, userId, tx.session)) {
          await this.boardRepository.incrementMembers(board._id, -1, tx.session);
        }
      } else {
        const grantedBy = actorId.equals(userId) ? null : actorId;
        if (await this.memberships.upsert(board._id, userId, role, grantedBy, now, tx.session)) {
          await this.boardRepository.incrementMembers(board._id, 1, tx.session);
        }
      }
      // Their staff links and their role on this board's pages.
      await this.users.touchViewerState([userId], tx.session);
      await this.roleAudit.record(tx, {
        operatorId: board.operatorId,
        boardId: board._id,
        userId,
        actorId: actor.userId,
        previousRole: roleKindOf(replaced?.role ?? null),
        role: roleKindOf(role),
        at: now,
      });
      tx.publishAfterCommit(
        new BoardRoleChanged(
          board._id.toHexString(),
          userId.toHexString(),
          current?.role ?? null,
          role,
          actor.userId,
          now,
        ),
      );
    });
  }
}
