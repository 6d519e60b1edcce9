import { type DomainEvent } from '@helpboard/core';
import { BoardRole } from '../permissions/board-permissions.js';

/** A user's role on a board was granted, changed or removed (`role` null). */
export class BoardRoleChanged implements DomainEvent {
  static readonly type = 'BoardRoleChanged';
  readonly type = BoardRoleChanged.type;

  constructor(
    readonly boardId: string,
    readonly userId: string,
    readonly previousRole: BoardRole | null,
    readonly role: BoardRole | null,
    /** Who made the change; the user themselves for join/leave. */
    readonly actorId: string,
    readonly occurredAt: Date,
  ) {}
}
