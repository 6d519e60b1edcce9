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
import { BoardAccessService, BoardAction, type BoardRecord, BoardService } from '@helpboard/boards';
import { type TransactionContext, UnitOfWork } from '@helpboard/database';
import { UsersService } from '@helpboard/identity';
import {
  PostKind,
  type PostRecord,
  type ThreadRecord,
  type ThreadStateChange,
  ThreadStateService,
  ThreadStatus,
} from '@helpboard/threads';
import { AuditEntry, ModerationAction } from './audit-entry.schema.js';
import { PostDeleted, PostUndeleted } from './events/post-deleted.event.js';
import { AuditLog } from './audit-log.js';

export enum CloseReason {
  DUPLICATE = 'DUPLICATE',
  OFF_TOPIC = 'OFF_TOPIC',
  NEEDS_DETAILS = 'NEEDS_DETAILS',
  TOO_BROAD = 'TOO_BROAD',
  OPINION_BASED = 'OPINION_BASED',
  RESOLVED = 'RESOLVED',
}

const threadState = (thread: ThreadRecord) => ({
  status: thread.status,
  closeReason: thread.closeReason,
  isLocked: thread.isLocked,
  isPinned: thread.isPinned,
  boardId: thread.boardId.toHexString(),
});

@Injectable()
export class ModerationService {
  constructor(
    @InjectModel(AuditEntry.name) private readonly audit: Model<AuditEntry>,
    private readonly threadState: ThreadStateService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly users: UsersService,
    private readonly unitOfWork: UnitOfWork,
    private readonly auditLog: AuditLog,
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
    if (reason === CloseReason.DUPLICATE) {
      if (!duplicateOfId) throw new InvalidInputError([{ field: 'duplicateOfId', message: 'REQUIRED' }]);
      const original = await this.threadState.requireThread(duplicateOfId);
      if (original._id.equals(thread._id) || original.hiddenAt)
        throw new InvalidInputError([{ field: 'duplicateOfId', message: 'INVALID_VALUE' }]);
    }
    const closeReason = note ? `${reason}: ${note}` : reason;
    return this.changeThread(actor, board, thread, ModerationAction.CLOSE, closeReason, {
      status: ThreadStatus.CLOSED,
      closeReason,
      duplicateOfId: reason === CloseReason.DUPLICATE ? duplicateOfId : null,
    });
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
   * Soft deletion (revisions are kept). Authors may delete their own post unless others rely on
   * it (an accepted answer, a question with answers); only moderators undelete.
   */
  async deletePost(actor: Actor, postId: string, isDeleted: boolean, reason: string) {
    const post = await this.threadState.requirePost(postId);
    const board = await this.boards.requireById(post.boardId);
    const isModerator = await this.access.can(actor, BoardAction.Moderate, board);
    if (!isModerator) {
      if (!isDeleted || !post.authorId.equals(actor.userId))
        await this.access.assert(actor, BoardAction.Moderate, board);
      await this.access.assert(actor, BoardAction.Participate, board);
      const thread = await this.threadState.requireThread(post.threadId.toHexString());
      if (post.isAccepted || (post.kind === PostKind.QUESTION && thread.answerCount > 0)) {
        throw new PreconditionFailedError('POST_HAS_DEPENDENTS');
      }
    }
    return this.setPostVisibility(
      actor,
      board,
      post,
      isDeleted,
      isDeleted ? ModerationAction.DELETE : ModerationAction.UNDELETE,
      reason,
    );
  }

  private async setPostVisibility(
    actor: Actor,
    board: BoardRecord,
    post: PostRecord,
    isHidden: boolean,
    action: ModerationAction,
    reason: string,
  ) {
    const now = this.clock.now();
    await this.unitOfWork.run((tx) => this.recordPostVisibility(tx, actor, board, post, isHidden, action, reason, now));
    return post;
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
  async suspendUser(actor: Actor, handle: string, until: Date | null, reason: string) {
    if (!isPlatformAdmin(actor)) throw new ForbiddenError('ADMIN_REQUIRED');
    const user = await this.users.requireByHandle(handle);
    const now = this.clock.now();
    if (until && until <= now) throw new InvalidInputError([{ field: 'until', message: 'INVALID_VALUE' }]);
    return this.unitOfWork.run(async (tx) => {
      const updated = await this.users.setSuspension(user._id, until, tx.session);
      await this.auditLog.record(tx, {
        boardId: null,
        actorId: actor.userId,
        action: until ? ModerationAction.SUSPEND : ModerationAction.UNSUSPEND,
        targetType: 'user',
        targetId: user._id,
        threadId: null,
        subjectUserId: user._id,
        reason,
        before: { suspendedUntil: user.suspendedUntil },
        after: { suspendedUntil: until },
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

  async log(actor: Actor, boardSlug: string, limit: number, before?: Types.ObjectId): Promise<AuditEntry[]> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.Moderate, board);
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
    return this.unitOfWork.run(async (tx: TransactionContext) => {
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
    });
  }
}
