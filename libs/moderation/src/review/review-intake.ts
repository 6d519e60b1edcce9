// Screens every new question, answer and comment inside the transaction that writes it: new
// users' hourly limits veto the write (RATE_LIMITED, nothing stored), and posts that need a
// reviewer's eye enter the board's queues in the same commit — the first posts of new users,
// posts with links by low-reputation users, and the same text pasted into several threads. Link
// spam and repeated text are held back (hidden) until a reviewer approves them.
import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { Clock, memberActor, RateLimitedError } from '@helpboard/core';
import {
  BoardAccessService,
  BoardAction,
  type BoardRecord,
  BoardService,
  resolveBoardSettings,
} from '@helpboard/boards';
import { InTransactionHandlers, type TransactionContext } from '@helpboard/database';
import { ReputationReader } from '@helpboard/reputation';
import {
  AnswerPosted,
  CommentAdded,
  PostKind,
  type PostRecord,
  PostStatsService,
  QuestionAsked,
  ThreadStateService,
} from '@helpboard/threads';
import { ModerationAction } from '../audit-entry.schema.js';
import { AuditLog, SYSTEM_ACTOR_ID } from '../audit-log.js';
import { HOUR_MS, secondsUntilAllowed } from './hourly-limit.js';
import { ContentFingerprint, ReviewItemRecord, ReviewQueueKind } from './review-item.schema.js';

/** The same text by one author in another thread within this time counts as repeated. */
const REPEAT_WINDOW_MS = 7 * 24 * HOUR_MS;
const LINK = /https?:\/\/[^\s)\]>"']+/gi;

type Settings = ReturnType<typeof resolveBoardSettings>;
type Candidate = Omit<ReviewItemRecord, '_id' | 'claimedBy' | 'claimedAt' | 'outcome' | 'resolvedBy' | 'resolvedAt'>;

@Injectable()
export class ReviewIntake implements OnModuleInit {
  constructor(
    @InjectModel(ReviewItemRecord.name) private readonly items: Model<ReviewItemRecord>,
    @InjectModel(ContentFingerprint.name) private readonly fingerprints: Model<ContentFingerprint>,
    private readonly handlers: InTransactionHandlers,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly reputation: ReputationReader,
    private readonly posts: PostStatsService,
    private readonly threadState: ThreadStateService,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.on(QuestionAsked, (event, tx) => this.screenPost(tx, event.boardId, event.threadId, event.actorId));
    this.handlers.on(AnswerPosted, (event, tx) => this.screenPost(tx, event.boardId, event.answerId, event.actorId));
    this.handlers.on(CommentAdded, async (event, tx) => {
      const board = await this.boards.requireById(new Types.ObjectId(event.boardId));
      const settings = resolveBoardSettings(board.settingsOverrides);
      if (!(await this.isNewUser(event.actorId, board, settings))) return;
      await this.assertWithinLimit(tx, event.actorId, null, settings.moderation.newUserCommentsPerHour);
    });
  }

  /** Whether the user counts as new on this board: not trusted by role, and under its reputation mark. */
  async isNewUser(userId: string, board: BoardRecord, settings: Settings): Promise<boolean> {
    if (await this.isTrusted(userId, board)) return false;
    return (await this.reputation.onOperator(userId, board.operatorId)) < settings.moderation.newUserUnderReputation;
  }

  private async screenPost(tx: TransactionContext, boardId: string, postId: string, authorId: string): Promise<void> {
    const board = await this.boards.requireById(new Types.ObjectId(boardId));
    if (await this.isTrusted(authorId, board)) return;
    const settings = resolveBoardSettings(board.settingsOverrides);
    const post = (await this.posts.post(postId, tx.session))!;
    const reputation = await this.reputation.onOperator(authorId, board.operatorId);
    const isNewUser = reputation < settings.moderation.newUserUnderReputation;
    if (isNewUser) {
      const limit =
        post.kind === PostKind.QUESTION
          ? settings.moderation.newUserQuestionsPerHour
          : settings.moderation.newUserAnswersPerHour;
      await this.assertWithinLimit(tx, authorId, post.kind, limit);
    }

    const candidates = await this.reasonsToReview(tx, board, post, { reputation, isNewUser }, settings);
    if (candidates.length === 0) return;
    await this.items.create(candidates, { session: tx.session, ordered: true });
    if (candidates.some((item) => item.isHeldBack)) {
      const now = this.clock.now();
      await this.threadState.setHidden(tx, post, true, SYSTEM_ACTOR_ID, now);
      await this.auditLog.record(tx, {
        boardId: board._id,
        actorId: SYSTEM_ACTOR_ID,
        action: ModerationAction.HIDE,
        targetType: 'post',
        targetId: post._id,
        threadId: post.threadId,
        subjectUserId: post.authorId,
        reason: `held for review: ${candidates.map((item) => item.note).join('; ')}`,
        before: { hidden: false },
        after: { hidden: true },
        at: now,
      });
    }
  }

  private async reasonsToReview(
    tx: TransactionContext,
    board: BoardRecord,
    post: PostRecord,
    author: { reputation: number; isNewUser: boolean },
    settings: Settings,
  ): Promise<Candidate[]> {
    const now = this.clock.now();
    const item = (kind: ReviewQueueKind, note: string, isHeldBack: boolean): Candidate => ({
      boardId: board._id,
      postId: post._id,
      threadId: post.threadId,
      authorId: post.authorId,
      kind,
      note,
      isHeldBack,
      isOpen: true,
      createdAt: now,
    });
    const candidates: Candidate[] = [];
    const postsOnBoard = await this.posts.countPostsOnBoard(post.authorId.toHexString(), board._id, tx.session);
    if (postsOnBoard <= settings.moderation.reviewFirstPosts) {
      candidates.push(item(ReviewQueueKind.FIRST_POSTS, `post ${postsOnBoard} of a new user`, false));
    }
    const links = post.body.match(LINK)?.length ?? 0;
    if (links > 0 && author.reputation < settings.moderation.reviewLinksUnderReputation) {
      const isHeldBack = links >= settings.moderation.holdBackAtLinks;
      candidates.push(item(ReviewQueueKind.LINKS, `${links} link${links === 1 ? '' : 's'}`, isHeldBack));
    }
    // Established users may reuse a good answer of theirs; new accounts pasting one text around are spammers' habit.
    const repeatOf = author.isNewUser ? await this.recordFingerprint(tx, post, now) : null;
    if (repeatOf) {
      candidates.push(item(ReviewQueueKind.REPEATED_CONTENT, `same text as in thread ${repeatOf.toHexString()}`, true));
    }
    return candidates;
  }

  /** Remembers the post's text; returns another thread where the author posted the same text lately. */
  private async recordFingerprint(tx: TransactionContext, post: PostRecord, now: Date): Promise<Types.ObjectId | null> {
    const normalised = post.body.toLowerCase().replace(/\s+/g, ' ').trim();
    const hash = createHash('sha256').update(normalised).digest('hex');
    const earlier = await this.fingerprints
      .findOne({
        authorId: post.authorId,
        hash,
        threadId: { $ne: post.threadId },
        at: { $gte: new Date(now.getTime() - REPEAT_WINDOW_MS) },
      })
      .session(tx.session)
      .lean<ContentFingerprint>()
      .exec();
    await this.fingerprints.create(
      [{ authorId: post.authorId, hash, threadId: post.threadId, postId: post._id, at: now }],
      {
        session: tx.session,
      },
    );
    return earlier?.threadId ?? null;
  }

  private async assertWithinLimit(
    tx: TransactionContext,
    userId: string,
    kind: PostKind | null,
    limit: number,
  ): Promise<void> {
    // Counting recent posts and adding one is a check-then-write: one user's posts queue here.
    await tx.serializeOn(`posting:${userId}`);
    const now = this.clock.now();
    const times = await this.posts.recentByAuthor(
      userId,
      kind,
      new Date(now.getTime() - HOUR_MS),
      limit + 1,
      tx.session,
    );
    const wait = secondsUntilAllowed(times, limit, now);
    if (wait !== null) throw new RateLimitedError(wait, 'NEW_USER_RATE_LIMITED');
  }

  private async isTrusted(userId: string, board: BoardRecord): Promise<boolean> {
    const actor = memberActor(userId);
    return (
      (await this.access.can(actor, BoardAction.Moderate, board)) ||
      (await this.access.can(actor, BoardAction.ActAsStaff, board))
    );
  }
}
