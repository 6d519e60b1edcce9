// Who may do what on a board: the one place these rules live. Pure, so it is tested as a table.
import { type Actor, isPlatformAdmin } from '@helpboard/core';

export enum BoardRole {
  MEMBER = 'MEMBER',
  EXPERT = 'EXPERT',
  STAFF = 'STAFF',
  MODERATOR = 'MODERATOR',
  OWNER = 'OWNER',
}

export enum BoardAction {
  /** Read the board and its threads. */
  View = 'VIEW',
  /** Ask, answer, comment, vote, flag. */
  Participate = 'PARTICIPATE',
  /** Edit other people's posts. */
  EditAnyPost = 'EDIT_ANY_POST',
  /** Mark an answer official; take escalated questions. */
  ActAsStaff = 'ACT_AS_STAFF',
  /** Hide, close, lock, pin, move, resolve flags, work review queues. */
  Moderate = 'MODERATE',
  /** Grant and remove board roles. */
  ManageRoles = 'MANAGE_ROLES',
  /** Change title, description, tags and settings. */
  UpdateBoard = 'UPDATE_BOARD',
  /** Make the board read-only. */
  ArchiveBoard = 'ARCHIVE_BOARD',
  /** See the board's service numbers. */
  ViewInsights = 'VIEW_INSIGHTS',
}

export enum BoardVisibility {
  PUBLIC = 'PUBLIC',
  /** Only members see it (e.g. a closed beta or a partner programme). */
  PRIVATE = 'PRIVATE',
}

export interface PermissionSubject {
  actor: Actor | null;
  /** The actor's role on this board, if any. */
  role: BoardRole | null;
  /** Whether the actor administers the operator that owns the board. */
  isOperatorAdmin: boolean;
}

export interface PermissionTarget {
  isArchived: boolean;
  visibility: BoardVisibility;
}

export type PermissionVerdict = { allowed: true } | { allowed: false; reason: string; isArchived?: boolean };

const ROLE_ACTIONS: Record<BoardRole, ReadonlySet<BoardAction>> = {
  [BoardRole.MEMBER]: new Set([BoardAction.View, BoardAction.Participate]),
  [BoardRole.EXPERT]: new Set([BoardAction.View, BoardAction.Participate]),
  [BoardRole.STAFF]: new Set([
    BoardAction.View,
    BoardAction.Participate,
    BoardAction.EditAnyPost,
    BoardAction.ActAsStaff,
    BoardAction.ViewInsights,
  ]),
  [BoardRole.MODERATOR]: new Set([
    BoardAction.View,
    BoardAction.Participate,
    BoardAction.EditAnyPost,
    BoardAction.Moderate,
    BoardAction.ViewInsights,
  ]),
  [BoardRole.OWNER]: new Set([
    BoardAction.View,
    BoardAction.Participate,
    BoardAction.EditAnyPost,
    BoardAction.ActAsStaff,
    BoardAction.Moderate,
    BoardAction.ManageRoles,
    BoardAction.UpdateBoard,
    BoardAction.ViewInsights,
  ]),
};

/** Allowed on an archived board: reading, and archiving again (idempotent). Every other action writes. */
const READS: ReadonlySet<BoardAction> = new Set([BoardAction.View, BoardAction.ViewInsights, BoardAction.ArchiveBoard]);

export function decide(subject: PermissionSubject, action: BoardAction, board: PermissionTarget): PermissionVerdict {
  const { actor, role } = subject;
  const isAdmin = isPlatformAdmin(actor) || (actor !== null && subject.isOperatorAdmin);

  if (action === BoardAction.View) {
    if (board.visibility === BoardVisibility.PUBLIC || isAdmin || role !== null) return { allowed: true };
    return { allowed: false, reason: 'BOARD_PRIVATE' };
  }
  if (!actor) return { allowed: false, reason: 'UNAUTHENTICATED' };
  if (actor.isSuspended) return { allowed: false, reason: 'USER_SUSPENDED' };
  if (board.isArchived && !READS.has(action)) {
    return { allowed: false, reason: 'BOARD_ARCHIVED', isArchived: true };
  }
  if (isAdmin) return { allowed: true };
  if (action === BoardAction.Participate && board.visibility === BoardVisibility.PUBLIC) return { allowed: true };
  if (role !== null && ROLE_ACTIONS[role].has(action)) return { allowed: true };
  return { allowed: false, reason: 'BOARD_ROLE_REQUIRED' };
}
