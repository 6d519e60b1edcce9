// Facts the threads lib publishes after commit. Reputation, search, moderation, referrals and
// notifications listen; the ones other processes need also go through the outbox.
import { type DomainEvent } from '@helpboard/core';

abstract class ThreadEvent implements DomainEvent {
  abstract readonly type: string;
  constructor(
    readonly boardId: string,
    readonly threadId: string,
    readonly actorId: string,
    readonly occurredAt: Date,
  ) {}
}

export class QuestionAsked extends ThreadEvent {
  static readonly type = 'QuestionAsked';
  readonly type = QuestionAsked.type;
}

export class AnswerPosted extends ThreadEvent {
  static readonly type = 'AnswerPosted';
  readonly type = AnswerPosted.type;
  constructor(
    boardId: string,
    threadId: string,
    actorId: string,
    occurredAt: Date,
    readonly answerId: string,
  ) {
    super(boardId, threadId, actorId, occurredAt);
  }
}

export class CommentAdded extends ThreadEvent {
  static readonly type = 'CommentAdded';
  readonly type = CommentAdded.type;
  constructor(
    boardId: string,
    threadId: string,
    actorId: string,
    occurredAt: Date,
    readonly postId: string,
    readonly commentId: string,
  ) {
    super(boardId, threadId, actorId, occurredAt);
  }
}

/** A comment was deleted by its author or by a moderator (`authorId` tells which). */
export class CommentDeleted extends ThreadEvent {
  static readonly type = 'CommentDeleted';
  readonly type = CommentDeleted.type;
  constructor(
    boardId: string,
    threadId: string,
    actorId: string,
    occurredAt: Date,
    readonly postId: string,
    readonly commentId: string,
    readonly authorId: string,
  ) {
    super(boardId, threadId, actorId, occurredAt);
  }
}

export class PostEdited extends ThreadEvent {
  static readonly type = 'PostEdited';
  readonly type = PostEdited.type;
  constructor(
    boardId: string,
    threadId: string,
    actorId: string,
    occurredAt: Date,
    readonly postId: string,
    readonly revision: number,
  ) {
    super(boardId, threadId, actorId, occurredAt);
  }
}

export class VoteChanged extends ThreadEvent {
  static readonly type = 'VoteChanged';
  readonly type = VoteChanged.type;
  constructor(
    boardId: string,
    threadId: string,
    actorId: string,
    occurredAt: Date,
    readonly postId: string,
    readonly postKind: 'QUESTION' | 'ANSWER',
    readonly authorId: string,
    /** -1, 0 (none) or +1, before and after. */
    readonly previousValue: -1 | 0 | 1,
    readonly value: -1 | 0 | 1,
    readonly score: number,
  ) {
    super(boardId, threadId, actorId, occurredAt);
  }
}

abstract class AnswerDecision extends ThreadEvent {
  constructor(
    boardId: string,
    threadId: string,
    actorId: string,
    occurredAt: Date,
    readonly answerId: string,
    readonly answerAuthorId: string,
  ) {
    super(boardId, threadId, actorId, occurredAt);
  }
}

/** The asker accepted an answer (`actorId` is the asker). */
export class AnswerAccepted extends AnswerDecision {
  static readonly type = 'AnswerAccepted';
  readonly type = AnswerAccepted.type;
}

export class AnswerUnaccepted extends AnswerDecision {
  static readonly type = 'AnswerUnaccepted';
  readonly type = AnswerUnaccepted.type;
}

/** Board staff marked an answer official. */
export class OfficialAnswerMarked extends AnswerDecision {
  static readonly type = 'OfficialAnswerMarked';
  readonly type = OfficialAnswerMarked.type;
}

export class OfficialAnswerUnmarked extends AnswerDecision {
  static readonly type = 'OfficialAnswerUnmarked';
  readonly type = OfficialAnswerUnmarked.type;
}

/** Moderation hid a post (`postId`); a hidden question hides its thread. */
export class PostHidden extends ThreadEvent {
  static readonly type = 'PostHidden';
  readonly type = PostHidden.type;
  constructor(
    boardId: string,
    threadId: string,
    actorId: string,
    occurredAt: Date,
    readonly postId: string,
  ) {
    super(boardId, threadId, actorId, occurredAt);
  }
}

export class PostRestored extends ThreadEvent {
  static readonly type = 'PostRestored';
  readonly type = PostRestored.type;
  constructor(
    boardId: string,
    threadId: string,
    actorId: string,
    occurredAt: Date,
    readonly postId: string,
  ) {
    super(boardId, threadId, actorId, occurredAt);
  }
}

/** Buffered views were written; `viewCount` is the thread's total now. */
export class ThreadViewsCounted implements DomainEvent {
  static readonly type = 'ThreadViewsCounted';
  readonly type = ThreadViewsCounted.type;
  constructor(
    readonly boardId: string,
    readonly threadId: string,
    readonly authorId: string,
    readonly viewCount: number,
    readonly occurredAt: Date,
  ) {}
}

/**
 * A new question, answer or comment @mentioned users that exist (resolved at write time, at most
 * 20 per post). `commentId` is set when the mention is in a comment on `postId`.
 */
export class UsersMentioned extends ThreadEvent {
  static readonly type = 'UsersMentioned';
  readonly type = UsersMentioned.type;
  constructor(
    boardId: string,
    threadId: string,
    actorId: string,
    occurredAt: Date,
    readonly postId: string,
    readonly commentId: string | null,
    readonly mentionedUserIds: string[],
  ) {
    super(boardId, threadId, actorId, occurredAt);
  }
}

/** A moderator changed a tag's description (moderation audits it in the same transaction). */
export class TagDescribed implements DomainEvent {
  static readonly type = 'TagDescribed';
  readonly type = TagDescribed.type;
  constructor(
    readonly boardId: string,
    readonly actorId: string,
    readonly occurredAt: Date,
    readonly tagId: string,
    readonly tag: string,
    readonly before: string,
    readonly after: string,
  ) {}
}
