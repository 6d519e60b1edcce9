// Facts the moderation lib publishes after commit (notifications tell the people concerned; the
// escalation ladder reacts to NEEDS_STAFF flags).
import { type DomainEvent } from '@helpboard/core';
import type { ModerationAction } from '../audit-entry.schema.js';
import type { FlagReason } from '../flag.schema.js';

/** A moderation action was taken and audited; `subjectUserId` is whom it concerns (the author, or the user). */
export class ModerationActionTaken implements DomainEvent {
  static readonly type = 'ModerationActionTaken';
  readonly type = ModerationActionTaken.type;

  constructor(
    readonly auditEntryId: string,
    readonly boardId: string | null,
    readonly action: ModerationAction,
    readonly targetType: 'thread' | 'post' | 'comment' | 'tag' | 'user',
    readonly targetId: string,
    readonly threadId: string | null,
    readonly subjectUserId: string,
    readonly actorId: string,
    readonly reason: string,
    readonly occurredAt: Date,
  ) {}
}

/** A reader flagged a post (NEEDS_STAFF flags move a question straight to the staff queue). */
export class PostFlagged implements DomainEvent {
  static readonly type = 'PostFlagged';
  readonly type = PostFlagged.type;

  constructor(
    readonly flagId: string,
    readonly boardId: string,
    readonly threadId: string,
    readonly postId: string,
    readonly reason: FlagReason,
    readonly actorId: string,
    readonly occurredAt: Date,
  ) {}
}
