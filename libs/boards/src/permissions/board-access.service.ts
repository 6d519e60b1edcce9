// Answers "may this actor do that on this board?" with data loaded from storage, and turns a
// refusal into the right error. Services call this; the rules themselves are in decide().
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import {
  type Actor,
  isPlatformAdmin,
  memberActor,
  PlatformRole,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnauthenticatedError,
} from '@helpboard/core';
import { UsersService } from '@helpboard/identity';
import { BoardRecord } from '../board/board.schema.js';
import { BoardRepository } from '../board/board.repository.js';
import { MembershipRepository } from '../membership/membership.repository.js';
import { OperatorRepository } from '../operator/operator.repository.js';
import { OperatorSuspensions } from '../operator/operator-suspensions.js';
import { BoardAction, type BoardRole, BoardVisibility, decide, type PermissionVerdict } from './board-permissions.js';

@Injectable()
export class BoardAccessService {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly operators: OperatorRepository,
    private readonly boardRepository: BoardRepository,
    private readonly suspensions: OperatorSuspensions,
    private readonly users: UsersService,
  ) {}

  async roleOf(actor: Actor | null, board: Pick<BoardRecord, '_id'>): Promise<BoardRole | null> {
    if (!actor) return null;
    const membership = await this.memberships.find(board._id, new Types.ObjectId(actor.userId));
    return membership?.role ?? null;
  }

  /** The actor's roles on many boards, keyed by board id (one query). */
  async rolesOf(actor: Actor, boardIds: readonly Types.ObjectId[]): Promise<Map<string, BoardRole>> {
    const rows = await this.memberships.findForUser(new Types.ObjectId(actor.userId), boardIds);
    return new Map(rows.map((row) => [row.boardId.toHexString(), row.role]));
  }

  /** Slugs of the private boards an actor may read: member boards, and all their operators' as admin. */
  async privateBoardsVisibleTo(actor: Actor | null): Promise<string[]> {
    if (!actor) return [];
    const userId = new Types.ObjectId(actor.userId);
    const [memberOf, operatorIds] = await Promise.all([
      this.memberships.boardIdsOf(userId),
      isPlatformAdmin(actor) ? null : this.operators.idsAdministeredBy(userId),
    ]);
    const boards = await this.boardRepository.findPrivate(memberOf, operatorIds);
    return boards.map((board) => board.slug);
  }

  /**
   * The one read decision for data gathered across boards (profiles, reputation histories,
   * badges, notifications, mail): of these boards, the ids the viewer may read, by the same rule
   * as `board(slug)` (decide(), View). Public boards need no lookup; private ones take two queries
   * in all, however many there are.
   */
  async readableBoardIds(actor: Actor | null, boardIds: readonly Types.ObjectId[]): Promise<Set<string>> {
    const distinct = [...new Map(boardIds.map((id) => [id.toHexString(), id])).values()];
    const boards = distinct.length > 0 ? await this.boardRepository.findByIds(distinct) : [];
    const privateIds = boards.filter((board) => board.visibility !== BoardVisibility.PUBLIC).map((board) => board._id);
    const [roles, administered] =
      actor && privateIds.length > 0
        ? await Promise.all([
            this.rolesOf(actor, privateIds),
            this.operators.idsAdministeredBy(new Types.ObjectId(actor.userId)),
          ])
        : [new Map<string, BoardRole>(), []];
    const readable = boards.filter(
      (board) =>
        decide(
          {
            actor,
            role: roles.get(board._id.toHexString()) ?? null,
            isOperatorAdmin: administered.some((id) => id.equals(board.operatorId)),
          },
          BoardAction.View,
          { isArchived: board.archivedAt !== null, visibility: board.visibility },
        ).allowed,
    );
    return new Set(readable.map((board) => board._id.toHexString()));
  }

  /**
   * Of these users, those who may read the board, by the same rule (notifications and mail to
   * many recipients): members, the operator's admins, and platform admins, who may read every
   * board (decide()), so they hear of what they may read.
   */
  async readersAmong(boardId: Types.ObjectId, userIds: readonly string[]): Promise<string[]> {
    const [board] = await this.boardRepository.findByIds([boardId]);
    if (!board) return [];
    if (board.visibility === BoardVisibility.PUBLIC) return [...userIds];
    const [memberships, [operator], users] = await Promise.all([
      this.memberships.findForBoard(
        board._id,
        userIds.map((id) => new Types.ObjectId(id)),
      ),
      this.operators.findByIds([board.operatorId]),
      this.users.findByIds(userIds),
    ]);
    const roles = new Map(memberships.map((row) => [row.userId.toHexString(), row.role]));
    const platformRoles = new Map(users.map((user) => [user._id.toHexString(), user.platformRole]));
    return userIds.filter(
      (userId) =>
        decide(
          {
            actor: { ...memberActor(userId), platformRole: platformRoles.get(userId) ?? PlatformRole.User },
            role: roles.get(userId) ?? null,
            isOperatorAdmin: operator?.adminIds.some((id) => id.toHexString() === userId) ?? false,
          },
          BoardAction.View,
          { isArchived: board.archivedAt !== null, visibility: board.visibility },
        ).allowed,
    );
  }

  async isOperatorAdmin(actor: Actor | null, operatorId: Types.ObjectId): Promise<boolean> {
    if (!actor) return false;
    const [operator] = await this.operators.findByIds([operatorId]);
    return operator?.adminIds.some((id) => id.toHexString() === actor.userId) ?? false;
  }

  async check(actor: Actor | null, action: BoardAction, board: BoardRecord): Promise<PermissionVerdict> {
    // Reading a public board needs no lookups: it is the hot path of every thread page.
    if (action === BoardAction.View && board.visibility === BoardVisibility.PUBLIC) return { allowed: true };
    const [role, isOperatorAdmin, isSuspendedHere] = await Promise.all([
      this.roleOf(actor, board),
      this.isOperatorAdmin(actor, board.operatorId),
      // Suspensions on this operator's boards keep a user from writing there; reading stays open.
      action !== BoardAction.View && actor ? this.suspensions.isSuspended(board.operatorId, actor.userId) : false,
    ]);
    return decide(
      { actor: actor && isSuspendedHere ? { ...actor, isSuspended: true } : actor, role, isOperatorAdmin },
      action,
      {
        isArchived: board.archivedAt !== null,
        visibility: board.visibility,
      },
    );
  }

  async can(actor: Actor | null, action: BoardAction, board: BoardRecord): Promise<boolean> {
    return (await this.check(actor, action, board)).allowed;
  }

  /** Throws the error a client should see when the action is not allowed. */
  async assert(actor: Actor | null, action: BoardAction, board: BoardRecord): Promise<void> {
    const verdict = await this.check(actor, action, board);
    if (verdict.allowed) return;
    if (verdict.reason === 'UNAUTHENTICATED') throw new UnauthenticatedError();
    // A private board's existence is not revealed to outsiders.
    if (verdict.reason === 'BOARD_PRIVATE') throw new NotFoundError('Board', 'BOARD_NOT_FOUND');
    if (verdict.isArchived) throw new PreconditionFailedError('BOARD_ARCHIVED');
    throw new ForbiddenError(verdict.reason);
  }
}
