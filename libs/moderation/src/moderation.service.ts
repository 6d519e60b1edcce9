// Moderator actions. Each is authorised on the board it touches, applied through the owning lib
// and recorded in the audit log in the same transaction: no action without its entry.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import {
  type Actor,
  Clock,
  ForbiddenError,
  InvalidInputError,
  isPlatformAdmin,
  PreconditionFailedError,
} from '@helpboard/core';
import {
  BoardAccessService,
  BoardAction,
  type BoardRecord,
  BoardService,
  OperatorService,
  OperatorSuspensions,
} from '@helpboard/boards';
import { type TransactionContext, UnitOfWork } from '@helpboard/database';
import { SUSPENDED_INDEFINITELY, UsersService } from '@helpboard/identity';
import {
  type PostRecord,
  type ThreadRecord,
  type ThreadStateChange,
  ThreadMergeService,
  ThreadStateService,
  ThreadStatus,
} from '@helpboard/threads';
import { AuditEntry, ModerationAction } from './audit-entry.schema.js';
import { PostDeleted, PostUndeleted } from './events/post-deleted.event.js';
import { AuditLog } from './audit-log.js';
import { Privilege, Privileges } from '@helpboard/reputation';

export enum CloseReason {
  DUPLICATE = 'DUPLICATE',
  OFF_TOPIC = 'OFF_TOPIC',
  NEEDS_DETAILS = 'NEEDS_DETAILS',
  TOO_BROAD = 'TOO_BROAD',
  OPINION_BASED = 'OPINION_BASED',
  RESOLVED = 'RESOLVED',
}

/** What the audit log says of a platform suspension: whether it is in force, and until when. */
const suspensionState = (until: Date | null, now: Date) => ({
  suspended: until !== null && until > now,
  until:
    until === null || until <= now
      ? null
      : until.getTime() === SUSPENDED_INDEFINITELY.getTime()
        ? 'until lifted'
        : until,
});

const threadState = (thread: ThreadRecord) => ({
  status: thread.status,
  closeReason: thread.closeReason,
  isLocked: thread.isLocked,
  isPinned: thread.isPinned,
  isProtected: thread.isProtected ?? false,
  boardId: thread.boardId.toHexString(),
});

@Injectable()
export class ModerationService {
  constructor(
    @InjectModel(AuditEntry.name) private readonly audit: Model<AuditEntry>,
    private readonly threadState: ThreadStateService,
    private readonly merging: ThreadMergeService,
    private readonly operators: OperatorService,
    private readonly suspensions: OperatorSuspensions,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly users: UsersService,
    private readonly unitOfWork: UnitOfWork,
    private readonly auditLog: AuditLog,
    private readonly privileges: Privileges,
    private readonly clock: Clock,
  ) {}

  async closeThread(
    actor: Actor,
    threadId: string,
    reason: CloseReason,
    note: string | null,
    duplicateOfId: string | null,
  ) {
    const { thread, board } = await this.moderatedThread(actor, threadId);
    if (thread.status === ThreadStatus.CLOSED) throw new PreconditionFailedError('THREAD_ALREADY_CLOSED');
    await this.validateClose(thread, reason, duplicateOfId);
    const closeReason = note ? `${reason}: ${note}` : reason;
    return this.changeThread(actor, board, thread, ModerationAction.CLOSE, closeReason, {
      status: ThreadStatus.CLOSED,
      closeReason,
      duplicateOfId: reason === CloseReason.DUPLICATE ? duplicateOfId : null,
    });
  }

  /** A duplicate must name a visible original other than itself. */
  async validateClose(thread: ThreadRecord, reason: CloseReason, duplicateOfId: string | null): Promise<void> {
    if (reason !== CloseReason.DUPLICATE) return;
    if (!duplicateOfId) throw new InvalidInputError([{ field: 'duplicateOfId', message: 'REQUIRED' }]);
    const original = await this.threadState.requireThread(duplicateOfId);
    if (original._id.equals(thread._id) || original.hiddenAt)
      throw new InvalidInputError([{ field: 'duplicateOfId', message: 'INVALID_VALUE' }]);
  }

  async reopenThread(actor: Actor, threadId: string, reason: string) {
    const { thread, board } = await this.moderatedThread(actor, threadId);
    if (thread.status !== ThreadStatus.CLOSED) throw new PreconditionFailedError('THREAD_NOT_CLOSED');
    return this.changeThread(actor, board, thread, ModerationAction.REOPEN, reason, {
      status: ThreadStatus.OPEN,
      closeReason: null,
      duplicateOfId: null,
    });
  }

  async lockThread(actor: Actor, threadId: string, isLocked: boolean, reason: string) {
    const { thread, board } = await this.moderatedThread(actor, threadId);
    return this.changeThread(actor, board, thread, isLocked ? ModerationAction.LOCK : ModerationAction.UNLOCK, reason, {
      isLocked,
    });
  }

  async pinThread(actor: Actor, threadId: string, isPinned: boolean, reason: string) {
    const { thread, board } = await this.moderatedThread(actor, threadId);
    return this.changeThread(actor, board, thread, isPinned ? ModerationAction.PIN : ModerationAction.UNPIN, reason, {
      isPinned,
    });
  }

  /**
   * Protection (SE "protected questions"): answering then needs the board's answerProtected
   * reputation, so new accounts cannot pile "me too" answers or spam onto a popular question.
   */
  async protectThread(actor: Actor, threadId: string, isProtected: boolean, reason: string) {
    const { thread, board } = await this.moderatedThread(actor, threadId);
    const action = isProtected ? ModerationAction.PROTECT : ModerationAction.UNPROTECT;
    return this.changeThread(actor, board, thread, action, reason, { isProtected });
  }

  /** Moving needs moderation rights on both boards, within one operator. */
  async moveThread(actor: Actor, threadId: string, toBoardSlug: string, reason: string) {
    const { thread, board } = await this.moderatedThread(actor, threadId);
    const target = await this.boards.requireBoard(toBoardSlug);
    await this.access.assert(actor, BoardAction.Moderate, target);
    // Threads stay with their operator: another operator's board is another organisation.
    if (target._id.equals(board._id) || !target.operatorId.equals(board.operatorId)) {
      throw new InvalidInputError([{ field: 'toBoardSlug', message: 'INVALID_VALUE' }]);
    }
    return this.changeThread(actor, board, thread, ModerationAction.MOVE, reason, { boardId: target._id });
  }

  /**
   * Merges a duplicate into its original: its answers move under the original and it stays as a
   * closed pointer to it. Both threads must be on boards the actor moderates, of one operator.
   */
  async mergeThreads(actor: Actor, duplicateId: string, originalId: string, reason: string) {
    const duplicate = await this.moderatedThread(actor, duplicateId);
    const original = await this.moderatedThread(actor, originalId);
    if (
      duplicate.thread._id.equals(original.thread._id) ||
      !duplicate.board.operatorId.equals(original.board.operatorId)
    ) {
      throw new InvalidInputError([{ field: 'originalId', message: 'INVALID_VALUE' }]);
    }
    const now = this.clock.now();
    await this.unitOfWork.run(async (tx) => {
      const moved = await this.merging.merge(tx, duplicate.thread, original.thread, actor.userId, now);
      await this.auditLog.record(tx, {
        boardId: duplicate.board._id,
        actorId: actor.userId,
        action: ModerationAction.MERGE,
        targetType: 'thread',
        targetId: duplicate.thread._id,
        threadId: duplicate.thread._id,
        subjectUserId: duplicate.thread.authorId,
        reason,
        before: threadState(duplicate.thread),
        after: { mergedInto: original.thread._id.toHexString(), answersMoved: moved },
        at: now,
      });
    });
    return this.threadState.requireThread(original.thread._id.toHexString());
  }

  async hidePost(actor: Actor, postId: string, isHidden: boolean, reason: string) {
    const post = await this.threadState.requirePost(postId);
    const board = await this.boards.requireById(post.boardId);
    await this.access.assert(actor, BoardAction.Moderate, board);
    return this.setPostVisibility(
      actor,
      board,
      post,
      isHidden,
      isHidden ? ModerationAction.HIDE : ModerationAction.RESTORE,
      reason,
    );
  }

  /**
   * Soft deletion (revisions are kept; moderators still see the post and may undelete it).
   * Authors may delete their own post unless others rely on it (SE rules, threads'
   * own-post-deletion); only moderators undelete.
   */
  async deletePost(actor: Actor, postId: string, isDeleted: boolean, reason: string) {
    const post = await this.threadState.requirePost(postId);
    const board = await this.boards.requireById(post.boardId);
    const isModerator = await this.access.can(actor, BoardAction.Moderate, board);
    if (!isModerator) {
      if (!isDeleted || !post.authorId.equals(actor.userId))
        await this.access.assert(actor, BoardAction.Moderate, board);
      await this.access.assert(actor, BoardAction.Participate, board);
    }
    return this.setPostVisibility(
      actor,
      board,
      post,
      isDeleted,
      isDeleted ? ModerationAction.DELETE : ModerationAction.UNDELETE,
      reason,
      isModerator ? undefined : (tx) => this.threadState.assertAuthorMayDelete(tx, post._id),
    );
  }

  private async setPostVisibility(
    actor: Actor,
    board: BoardRecord,
    post: PostRecord,
    isHidden: boolean,
    action: ModerationAction,
    reason: string,
    /** A rule checked inside the transaction, before the change. */
    precondition?: (tx: TransactionContext) => Promise<void>,
  ) {
    const now = this.clock.now();
    await this.unitOfWork.run(async (tx) => {
      await precondition?.(tx);
      await this.recordPostVisibility(tx, actor, board, post, isHidden, action, reason, now);
    });
    // The client sees the post as the change left it (issue #21: it got the state before).
    return this.threadState.requirePost(post._id.toHexString());
  }

  /** Hides, restores, deletes or undeletes a post within the caller's transaction, with its audit entry. */
  async recordPostVisibility(
    tx: TransactionContext,
    actor: Actor,
    board: BoardRecord,
    post: PostRecord,
    isHidden: boolean,
    action: ModerationAction,
    reason: string,
    now: Date,
  ): Promise<void> {
    await this.threadState.setHidden(tx, post, isHidden, actor.userId, now);
    await this.auditLog.record(tx, {
      boardId: board._id,
      actorId: actor.userId,
      action,
      targetType: 'post',
      targetId: post._id,
      threadId: post.threadId,
      subjectUserId: post.authorId,
      reason,
      before: { hidden: post.hiddenAt !== null },
      after: { hidden: isHidden },
      at: now,
    });
    if (action === ModerationAction.DELETE || action === ModerationAction.UNDELETE) {
      const EventClass = action === ModerationAction.DELETE ? PostDeleted : PostUndeleted;
      tx.publishAfterCommit(new EventClass(board._id.toHexString(), post._id.toHexString(), actor.userId, now));
    }
  }

  /**
   * Suspension is platform-wide (it blocks sign-in and every write), so only platform admins may
   * impose or lift it; board moderators hide content instead.
   */
  /**
   * On one operator's boards (its admins, or platform admins): the user may still sign in and
   * read, but not post, vote, flag or earn commissions there.
   */
  async suspendOnOperator(
    actor: Actor,
    handle: string,
    operatorSlug: string,
    until: Date | null,
    isLifting: boolean,
    reason: string,
  ) {
    const operator = await this.operators.requireBySlug(operatorSlug);
    await this.operators.assertAdmin(actor, operator);
    const user = await this.users.requireByHandle(handle);
    const now = this.clock.now();
    if (until && until <= now) throw new InvalidInputError([{ field: 'until', message: 'INVALID_VALUE' }]);
    await this.unitOfWork.run(async (tx) => {
      const before = await this.suspensions.find(operator._id, user._id, tx.session);
      await this.suspensions.set(operator._id, user._id, isLifting ? 'lift' : { until, reason }, tx.session);
      await this.auditLog.record(tx, {
        boardId: null,
        actorId: actor.userId,
        action: isLifting ? ModerationAction.UNSUSPEND : ModerationAction.SUSPEND,
        targetType: 'user',
        targetId: user._id,
        threadId: null,
        subjectUserId: user._id,
        reason,
        before: { operator: operator.slug, suspended: before ? !before.liftedAt : false, until: before?.until ?? null },
        after: { operator: operator.slug, suspended: !isLifting, until: isLifting ? null : until },
        at: now,
      });
    });
    return user;
  }

  /**
   * Platform-wide, by platform admins: until a date, or `'indefinitely'` until lifted. Lifting is
   * liftSuspension: a missing date never lifts (issue #21: it did, and was logged as UNSUSPEND).
   */
  async suspendUser(actor: Actor, handle: string, until: Date | 'indefinitely', reason: string) {
    if (until !== 'indefinitely' && until <= this.clock.now())
      throw new InvalidInputError([{ field: 'until', message: 'INVALID_VALUE' }]);
    return this.setPlatformSuspension(
      actor,
      handle,
      until === 'indefinitely' ? SUSPENDED_INDEFINITELY : until,
      ModerationAction.SUSPEND,
      reason,
    );
  }

  async liftSuspension(actor: Actor, handle: string, reason: string) {
    return this.setPlatformSuspension(actor, handle, null, ModerationAction.UNSUSPEND, reason);
  }

  private async setPlatformSuspension(
    actor: Actor,
    handle: string,
    until: Date | null,
    action: ModerationAction.SUSPEND | ModerationAction.UNSUSPEND,
    reason: string,
  ) {
    if (!isPlatformAdmin(actor)) throw new ForbiddenError('ADMIN_REQUIRED');
    const user = await this.users.requireByHandle(handle);
    const now = this.clock.now();
    return this.unitOfWork.run(async (tx) => {
      const updated = await this.users.setSuspension(user._id, until, tx.session);
      await this.auditLog.record(tx, {
        boardId: null,
        actorId: actor.userId,
        action,
        targetType: 'user',
        targetId: user._id,
        threadId: null,
        subjectUserId: user._id,
        reason,
        before: suspensionState(user.suspendedUntil, now),
        after: suspensionState(until, now),
        at: now,
      });
      return updated;
    });
  }

  /** A formal warning on a board, recorded for the user and the board's moderators. */
  async warnUser(actor: Actor, boardSlug: string, handle: string, reason: string): Promise<void> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.Moderate, board);
    const user = await this.users.requireByHandle(handle);
    await this.unitOfWork.run((tx) =>
      this.auditLog.record(tx, {
        boardId: board._id,
        actorId: actor.userId,
        action: ModerationAction.WARN,
        targetType: 'user',
        targetId: user._id,
        threadId: null,
        subjectUserId: user._id,
        reason,
        before: {},
        after: {},
        at: this.clock.now(),
      }),
    );
  }

  /** Warnings a user received, on any board, newest first: users see why they were warned. */
  warningsOf(userId: string, limit: number): Promise<AuditEntry[]> {
    return this.audit
      .find({ targetType: 'user', targetId: new Types.ObjectId(userId), action: ModerationAction.WARN })
      .sort({ _id: -1 })
      .limit(limit)
      .lean<AuditEntry[]>()
      .exec();
  }

  /** The board's moderation log: its moderators, and users with the moderation-tools privilege (10,000). */
  async log(actor: Actor, boardSlug: string, limit: number, before?: Types.ObjectId): Promise<AuditEntry[]> {
    const board = await this.boards.requireBoard(boardSlug);
    if (!(await this.access.can(actor, BoardAction.Moderate, board))) {
      await this.access.assert(actor, BoardAction.View, board);
      await this.privileges.assert(actor.userId, board, Privilege.MODERATION_TOOLS);
    }
    return this.audit
      .find({ boardId: board._id, ...(before ? { _id: { $lt: before } } : {}) })
      .sort({ _id: -1 })
      .limit(limit)
      .lean<AuditEntry[]>()
      .exec();
  }

  private async moderatedThread(actor: Actor, threadId: string): Promise<{ thread: ThreadRecord; board: BoardRecord }> {
    const thread = await this.threadState.requireThread(threadId);
    const board = await this.boards.requireById(thread.boardId);
    await this.access.assert(actor, BoardAction.Moderate, board);
    return { thread, board };
  }

  private async changeThread(
    actor: Actor,
    board: BoardRecord,
    thread: ThreadRecord,
    action: ModerationAction,
    reason: string,
    change: ThreadStateChange,
  ): Promise<ThreadRecord> {
    const now = this.clock.now();
    return this.unitOfWork.run((tx) => this.applyThreadChange(tx, actor, board, thread, action, reason, change, now));
  }

  /** Changes a thread's state within the caller's transaction, with its audit entry. */
  async applyThreadChange(
    tx: TransactionContext,
    actor: Actor,
    board: BoardRecord,
    thread: ThreadRecord,
    action: ModerationAction,
    reason: string,
    change: ThreadStateChange,
    now: Date,
  ): Promise<ThreadRecord> {
    const { before, after } = await this.threadState.change(tx, thread._id, change, now);
    await this.auditLog.record(tx, {
      boardId: board._id,
      actorId: actor.userId,
      action,
      targetType: 'thread',
      targetId: thread._id,
      threadId: thread._id,
      subjectUserId: thread.authorId,
      reason,
      before: threadState(before),
      after: threadState(after),
      at: now,
    });
    return after;
  }
}
