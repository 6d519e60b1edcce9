// Facts moderation publishes (inside its transaction, so in-transaction handlers commit with it).
// Threads' PostHidden/PostRestored say a post left or came back into view for any reason; these
// say it was deleted — for good, as far as money earned through it goes (referrals reverse it).
import type { DomainEvent } from '@helpboard/core';

abstract class PostModerationEvent implements DomainEvent {
  abstract readonly type: string;
  constructor(
    readonly boardId: string,
    readonly postId: string,
    readonly actorId: string,
    readonly occurredAt: Date,
  ) {}
}

export class PostDeleted extends PostModerationEvent {
  static readonly type = 'PostDeleted';
  readonly type = PostDeleted.type;
}

export class PostUndeleted extends PostModerationEvent {
  static readonly type = 'PostUndeleted';
  readonly type = PostUndeleted.type;
}
