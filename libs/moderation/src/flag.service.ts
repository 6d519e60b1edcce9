// Flags: readers point out posts that need attention; enough weight hides a post at once,
// pending a moderator's decision; the decision updates every flagger's track record.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import {
  type Actor,
  Clock,
  ConflictError,
  memberActor,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitedError,
} from '@helpboard/core';
import {
  BoardAccessService,
  BoardAction,
  type BoardRecord,
  BoardService,
  resolveBoardSettings,
} from '@helpboard/boards';
import { type TransactionContext, UnitOfWork } from '@helpboard/database';
import { Privilege, Privileges } from '@helpboard/reputation';
import { type PostRecord, ThreadStateService } from '@helpboard/threads';
import { ModerationAction } from './audit-entry.schema.js';
import { AuditLog } from './audit-log.js';
import { ReviewService } from './review/review.service.js';
import { ReviewIntake } from './review/review-intake.js';
import { HOUR_MS, secondsUntilAllowed } from './review/hourly-limit.js';
import { PostFlagged } from './events/moderation-events.js';
import { dailyFlagAllowance, secondsUntilTomorrow, startOfUtcDay } from './flag-allowance.js';
import { flagWeight } from './flag-weight.js';
import { FlaggerStats, FlagReason, FlagRecord, FlagStatus } from './flag.schema.js';

export interface FlaggedPost {
  postId: Types.ObjectId;
  threadId: Types.ObjectId;
  flags: FlagRecord[];
  totalWeight: number;
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

@Injectable()
export class FlagService {
  constructor(
    @InjectModel(FlagRecord.name) private readonly flags: Model<FlagRecord>,
    @InjectModel(FlaggerStats.name) private readonly stats: Model<FlaggerStats>,
    private readonly threadState: ThreadStateService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly privileges: Privileges,
    private readonly unitOfWork: UnitOfWork,
    private readonly review: ReviewService,
    private readonly intake: ReviewIntake,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * Flags scale to abuse (issue #21, Stack Exchange's rules): the flag privilege (15 by default),
   * a daily allowance, no repeat of a flag a moderator declined, and hiding only by the flags of
   * established users, never of staff posts or official answers (those wait for a reviewer).
   */
  async flagPost(actor: Actor, postId: string, reason: FlagReason, note: string | null): Promise<FlagRecord> {
    const post = await this.threadState.requirePost(postId);
    if (post.hiddenAt) throw new NotFoundError('Post', 'POST_NOT_FOUND');
    const board = await this.boards.requireById(post.boardId);
    await this.access.assert(actor, BoardAction.Participate, board);
    if (post.authorId.equals(actor.userId)) throw new ForbiddenError('FLAG_OWN_POST');
    const settings = resolveBoardSettings(board.settingsOverrides);
    const isTrusted = await this.isTrusted(actor.userId, board);
    const isNewFlagger = !isTrusted && (await this.intake.isNewUser(actor.userId, board, settings));
    if (!isTrusted) await this.privileges.assert(actor.userId, board, Privilege.FLAG);
    const record = await this.stats
      .findOne({ userId: new Types.ObjectId(actor.userId) })
      .lean<FlaggerStats>()
      .exec();
    const isProtected = post.isOfficial || (await this.isTrusted(post.authorId.toHexString(), board));
    const now = this.clock.now();
    const flag: FlagRecord = {
      _id: new Types.ObjectId(),
      boardId: board._id,
      postId: post._id,
      threadId: post.threadId,
      flaggerId: new Types.ObjectId(actor.userId),
      reason,
      note,
      weight: flagWeight({ isTrusted, helpful: record?.helpful ?? 0, declined: record?.declined ?? 0 }),
      countsTowardHiding: !isNewFlagger,
      status: FlagStatus.OPEN,
      resolvedBy: null,
      resolvedAt: null,
      createdAt: now,
    };
    try {
      await this.unitOfWork.run(async (tx) => {
        // One flagger's allowance and one post's weight are counted, then added to: each in turn.
        await tx.serializeOn(`flagging:${actor.userId}`);
        await tx.serializeOn(`flags:${post._id.toHexString()}`);
        if (!isTrusted) await this.assertAllowance(tx.session, actor, settings, record?.helpful ?? 0, isNewFlagger);
        await this.assertNotDeclinedBefore(tx.session, post._id, flag.flaggerId);
        await this.flags.create([flag], { session: tx.session });
        await this.review.openFlagged(tx, post, now);
        tx.publishAfterCommit(
          new PostFlagged(
            flag._id.toHexString(),
            board._id.toHexString(),
            post.threadId.toHexString(),
            post._id.toHexString(),
            reason,
            actor.userId,
            now,
          ),
        );
        if (isProtected) return; // a staff post or an official answer waits for a reviewer
        const total = await this.openWeight(post._id, tx.session, true);
        if (total < settings.moderation.hideThreshold) return;
        if (await this.threadState.setHidden(tx, post, true, actor.userId, now)) {
          await this.recordAudit(
            tx,
            board._id,
            actor.userId,
            ModerationAction.HIDE,
            post,
            `flagged (weight ${total})`,
            now,
          );
        }
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictError('FLAG_EXISTS');
      throw error;
    }
    return flag;
  }

  /** Board moderators and staff: their flags count fully, and flags on their posts only queue them. */
  private async isTrusted(userId: string, board: BoardRecord): Promise<boolean> {
    const actor = memberActor(userId);
    return (
      (await this.access.can(actor, BoardAction.Moderate, board)) ||
      (await this.access.can(actor, BoardAction.ActAsStaff, board))
    );
  }

  /** SE: a moderator declined this user's flag on this post; raising it again is not allowed. */
  private async assertNotDeclinedBefore(
    session: ClientSession,
    postId: Types.ObjectId,
    flaggerId: Types.ObjectId,
  ): Promise<void> {
    const declined = await this.flags
      .exists({ postId, flaggerId, status: FlagStatus.DECLINED })
      .session(session)
      .exec();
    if (declined) throw new ConflictError('FLAG_DECLINED');
  }

  /** The daily allowance for everyone, and the hourly limit of new users, counting this flag. */
  private async assertAllowance(
    session: ClientSession,
    actor: Actor,
    settings: ReturnType<typeof resolveBoardSettings>,
    helpful: number,
    isNewFlagger: boolean,
  ): Promise<void> {
    const now = this.clock.now();
    const allowance = dailyFlagAllowance(settings.moderation.flagsPerDay, helpful);
    const today = await this.flags
      .countDocuments({ flaggerId: new Types.ObjectId(actor.userId), createdAt: { $gte: startOfUtcDay(now) } })
      .session(session)
      .exec();
    if (today >= allowance) throw new RateLimitedError(secondsUntilTomorrow(now), 'FLAG_ALLOWANCE_USED');
    if (isNewFlagger) await this.assertFlagLimit(session, actor, settings);
  }

  /** New users raise a limited number of flags per hour, counting the one being raised. */
  private async assertFlagLimit(
    session: ClientSession,
    actor: Actor,
    settings: ReturnType<typeof resolveBoardSettings>,
  ): Promise<void> {
    const now = this.clock.now();
    const limit = settings.moderation.newUserFlagsPerHour;
    const earlier = await this.flags
      .find(
        { flaggerId: new Types.ObjectId(actor.userId), createdAt: { $gte: new Date(now.getTime() - HOUR_MS) } },
        {
          createdAt: 1,
        },
      )
      .sort({ createdAt: -1 })
      .limit(limit)
      .session(session)
      .lean<{ createdAt: Date }[]>()
      .exec();
    const wait = secondsUntilAllowed([now, ...earlier.map((row) => row.createdAt)], limit, now);
    if (wait !== null) throw new RateLimitedError(wait, 'NEW_USER_RATE_LIMITED');
  }

  /**
   * Resolves every open flag on the flagged post with the moderator's outcome, recorded in the
   * moderation log with the moderator's reason (declines too: the log is where a flagger's
   * "why was my flag declined" is answered). With `hide`, helpful flags also hide a post still
   * visible, in the same transaction (the review queue's "hide" on a spam answer the flags had not
   * yet hidden); without it they are upheld and the post stays (a "needs a staff member" flag).
   */
  async resolveFlag(
    actor: Actor,
    flagId: string,
    outcome: FlagStatus.HELPFUL | FlagStatus.DECLINED,
    decision: { reason?: string; hide?: boolean } = {},
  ): Promise<FlagRecord> {
    const reason = decision.reason ?? (outcome === FlagStatus.HELPFUL ? 'flags upheld' : 'flags declined');
    const flag = Types.ObjectId.isValid(flagId) ? await this.flags.findById(flagId).lean<FlagRecord>().exec() : null;
    if (!flag) throw new NotFoundError('Flag', 'FLAG_NOT_FOUND');
    const board = await this.boards.requireById(flag.boardId);
    await this.access.assert(actor, BoardAction.Moderate, board);
    if (flag.status !== FlagStatus.OPEN) throw new PreconditionFailedError('FLAG_RESOLVED');
    const now = this.clock.now();
    const post = await this.threadState.requirePost(flag.postId.toHexString());
    await this.unitOfWork.run(async (tx) => {
      const open = await this.flags
        .find({ postId: flag.postId, status: FlagStatus.OPEN })
        .session(tx.session)
        .lean<FlagRecord[]>()
        .exec();
      await this.flags.updateMany(
        { postId: flag.postId, status: FlagStatus.OPEN },
        { $set: { status: outcome, resolvedBy: new Types.ObjectId(actor.userId), resolvedAt: now } },
        { session: tx.session },
      );
      for (const each of open) {
        await this.stats.updateOne(
          { userId: each.flaggerId },
          { $inc: { [outcome === FlagStatus.HELPFUL ? 'helpful' : 'declined']: 1 } },
          { upsert: true, session: tx.session },
        );
      }
      await this.review.closeFlagged(tx, flag.postId, outcome === FlagStatus.HELPFUL, actor.userId, now);
      await this.auditLog.record(tx, {
        boardId: board._id,
        actorId: actor.userId,
        action: outcome === FlagStatus.HELPFUL ? ModerationAction.UPHOLD_FLAGS : ModerationAction.DECLINE_FLAGS,
        targetType: 'post',
        targetId: post._id,
        threadId: post.threadId,
        subjectUserId: post.authorId,
        reason,
        before: { openFlags: open.length, reasons: [...new Set(open.map((each) => each.reason))] },
        after: { openFlags: 0, outcome },
        at: now,
      });
      if (outcome === FlagStatus.HELPFUL && decision.hide) {
        if (await this.threadState.setHidden(tx, post, true, actor.userId, now))
          await this.recordAudit(tx, board._id, actor.userId, ModerationAction.HIDE, post, reason, now);
      }
      // A post hidden only by flags comes back when the moderator declines them.
      if (outcome === FlagStatus.DECLINED && post.hiddenAt) {
        if (await this.threadState.setHidden(tx, post, false, actor.userId, now))
          await this.recordAudit(tx, board._id, actor.userId, ModerationAction.RESTORE, post, 'flags declined', now);
      }
    });
    return { ...flag, status: outcome, resolvedBy: new Types.ObjectId(actor.userId), resolvedAt: now };
  }

  /** Flagged posts of a board, heaviest first. */
  async flaggedQueue(actor: Actor, boardSlug: string, limit: number): Promise<FlaggedPost[]> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.review.assertReviewer(actor, board);
    const open = await this.flags
      .find({ boardId: board._id, status: FlagStatus.OPEN })
      .sort({ createdAt: 1 })
      .lean<FlagRecord[]>()
      .exec();
    const byPost = new Map<string, FlaggedPost>();
    for (const flag of open) {
      const item = byPost.get(flag.postId.toHexString()) ?? {
        postId: flag.postId,
        threadId: flag.threadId,
        flags: [],
        totalWeight: 0,
      };
      item.flags.push(flag);
      item.totalWeight = Math.round((item.totalWeight + flag.weight) * 100) / 100;
      byPost.set(flag.postId.toHexString(), item);
    }
    return [...byPost.values()].sort((a, b) => b.totalWeight - a.totalWeight).slice(0, limit);
  }

  /** The weight of a post's open flags; `hidingOnly`: only flags that may hide it (not new users'). */
  private async openWeight(postId: Types.ObjectId, session: ClientSession, hidingOnly = false): Promise<number> {
    const open = await this.flags
      .find({ postId, status: FlagStatus.OPEN, ...(hidingOnly ? { countsTowardHiding: { $ne: false } } : {}) })
      .session(session)
      .lean<FlagRecord[]>()
      .exec();
    return Math.round(open.reduce((sum, flag) => sum + flag.weight, 0) * 100) / 100;
  }

  private async recordAudit(
    tx: TransactionContext,
    boardId: Types.ObjectId,
    actorId: string,
    action: ModerationAction,
    post: PostRecord,
    reason: string,
    at: Date,
  ): Promise<void> {
    const hidden = action === ModerationAction.HIDE;
    await this.auditLog.record(tx, {
      boardId,
      actorId,
      action,
      targetType: 'post',
      targetId: post._id,
      threadId: post.threadId,
      subjectUserId: post.authorId,
      reason,
      before: { hidden: !hidden },
      after: { hidden },
      at,
    });
  }
}
