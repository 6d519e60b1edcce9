// A board's review queues: reviewers (its moderators, or users with the review privilege) list
// the open items of a queue, claim one so that no one else works on it meanwhile (a claim left
// for CLAIM_TTL_MS is released), and resolve it with an outcome, audited like any action.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import {
  type Actor,
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
} from '@helpboard/core';
import { BoardAccessService, BoardAction, type BoardRecord, BoardService } from '@helpboard/boards';
import { type TransactionContext, UnitOfWork } from '@helpboard/database';
import { Privilege, Privileges } from '@helpboard/reputation';
import { type PostRecord, ThreadStateService } from '@helpboard/threads';
import { ModerationAction } from '../audit-entry.schema.js';
import { ModerationService } from '../moderation.service.js';
import { CLAIM_TTL_MS, ReviewItemRecord, ReviewOutcome, ReviewQueueKind } from './review-item.schema.js';

@Injectable()
export class ReviewService {
  constructor(
    @InjectModel(ReviewItemRecord.name) private readonly items: Model<ReviewItemRecord>,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly privileges: Privileges,
    private readonly threadState: ThreadStateService,
    private readonly moderation: ModerationService,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** The open items of a queue, oldest first. */
  async queue(actor: Actor, boardSlug: string, kind: ReviewQueueKind, limit: number): Promise<ReviewItemRecord[]> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.assertReviewer(actor, board);
    return this.items
      .find({ boardId: board._id, kind, isOpen: true })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .lean<ReviewItemRecord[]>()
      .exec();
  }

  /** How many items wait in each queue of a board (the site's navigation shows them), for its reviewers. */
  async openCounts(actor: Actor, boardSlug: string): Promise<Record<ReviewQueueKind, number>> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.assertReviewer(actor, board);
    const kinds = Object.values(ReviewQueueKind);
    const counts = await Promise.all(
      kinds.map((kind) => this.items.countDocuments({ boardId: board._id, kind, isOpen: true }).exec()),
    );
    return Object.fromEntries(kinds.map((kind, i) => [kind, counts[i]])) as Record<ReviewQueueKind, number>;
  }

  /** Open items of any queue for these posts (the flagged queue shows their claims). */
  openItemsFor(postIds: readonly Types.ObjectId[], kind: ReviewQueueKind): Promise<ReviewItemRecord[]> {
    return this.items
      .find({ postId: { $in: postIds }, kind, isOpen: true })
      .lean<ReviewItemRecord[]>()
      .exec();
  }

  /** A flagged post enters the FLAGGED queue with its first open flag (once while open). */
  async openFlagged(tx: TransactionContext, post: PostRecord, now: Date): Promise<void> {
    await this.items.updateOne(
      { postId: post._id, kind: ReviewQueueKind.FLAGGED, isOpen: true },
      {
        $setOnInsert: {
          boardId: post.boardId,
          threadId: post.threadId,
          authorId: post.authorId,
          note: 'flagged',
          isHeldBack: false,
          claimedBy: null,
          claimedAt: null,
          outcome: null,
          resolvedBy: null,
          resolvedAt: null,
          createdAt: now,
        },
      },
      { upsert: true, session: tx.session },
    );
  }

  /** The post's flags were resolved: helpful flags mean it stays hidden, declined ones that it was fine. */
  async closeFlagged(tx: TransactionContext, postId: Types.ObjectId, isHelpful: boolean, actorId: string, now: Date) {
    await this.items.updateMany(
      { postId, kind: ReviewQueueKind.FLAGGED, isOpen: true },
      {
        $set: {
          isOpen: false,
          outcome: isHelpful ? ReviewOutcome.HIDDEN : ReviewOutcome.APPROVED,
          resolvedBy: new Types.ObjectId(actorId),
          resolvedAt: now,
        },
      },
      { session: tx.session },
    );
  }

  /** Takes an item for the caller: free, already theirs, or left by someone else too long. */
  async claim(actor: Actor, itemId: string): Promise<ReviewItemRecord> {
    const item = await this.requireOpenItem(itemId);
    await this.assertReviewer(actor, await this.boards.requireById(item.boardId));
    const now = this.clock.now();
    const me = new Types.ObjectId(actor.userId);
    const claimed = await this.items
      .findOneAndUpdate(
        {
          _id: item._id,
          isOpen: true,
          $or: [{ claimedBy: null }, { claimedBy: me }, { claimedAt: { $lt: new Date(now.getTime() - CLAIM_TTL_MS) } }],
        },
        { $set: { claimedBy: me, claimedAt: now } },
        { returnDocument: 'after' },
      )
      .lean<ReviewItemRecord>()
      .exec();
    if (!claimed) throw new ConflictError('REVIEW_ITEM_CLAIMED');
    return claimed;
  }

  /** Resolves an item the caller holds the claim on. Flagged posts are resolved through their flags. */
  async resolve(actor: Actor, itemId: string, outcome: ReviewOutcome, reason: string): Promise<ReviewItemRecord> {
    const item = await this.requireOpenItem(itemId);
    if (item.kind === ReviewQueueKind.FLAGGED) {
      throw new InvalidInputError([{ field: 'itemId', message: 'RESOLVE_FLAGS_INSTEAD' }], 'RESOLVE_FLAGS_INSTEAD');
    }
    const board = await this.boards.requireById(item.boardId);
    await this.assertReviewer(actor, board);
    if (outcome === ReviewOutcome.DELETED) await this.access.assert(actor, BoardAction.Moderate, board);
    const now = this.clock.now();
    if (!item.claimedBy?.equals(actor.userId) || item.claimedAt!.getTime() < now.getTime() - CLAIM_TTL_MS) {
      throw new PreconditionFailedError('REVIEW_ITEM_NOT_CLAIMED');
    }
    const post = await this.threadState.requirePost(item.postId.toHexString());
    const resolved = { isOpen: false, outcome, resolvedBy: new Types.ObjectId(actor.userId), resolvedAt: now };
    await this.unitOfWork.run(async (tx) => {
      const updated = await this.items.updateOne(
        { _id: item._id, isOpen: true, claimedBy: item.claimedBy },
        { $set: resolved },
        { session: tx.session },
      );
      if (updated.modifiedCount !== 1) throw new ConflictError('REVIEW_ITEM_CLAIMED');
      await this.applyOutcome(tx, actor, board, post, item, outcome, reason, now);
    });
    return { ...item, ...resolved };
  }

  private async applyOutcome(
    tx: TransactionContext,
    actor: Actor,
    board: BoardRecord,
    post: PostRecord,
    item: ReviewItemRecord,
    outcome: ReviewOutcome,
    reason: string,
    now: Date,
  ): Promise<void> {
    const isHidden = outcome !== ReviewOutcome.APPROVED;
    // Approving a post nobody held back changes nothing but the queue; otherwise the post's visibility follows.
    if (outcome === ReviewOutcome.APPROVED && !(item.isHeldBack && post.hiddenAt)) return;
    const action =
      outcome === ReviewOutcome.DELETED
        ? ModerationAction.DELETE
        : isHidden
          ? ModerationAction.HIDE
          : ModerationAction.RESTORE;
    await this.moderation.recordPostVisibility(tx, actor, board, post, isHidden, action, reason, now);
    await this.closeOtherHolds(tx.session, post, outcome, actor, now);
  }

  /** A post is held back by one queue or several: one decision on it settles the others too. */
  private async closeOtherHolds(
    session: ClientSession,
    post: PostRecord,
    outcome: ReviewOutcome,
    actor: Actor,
    now: Date,
  ): Promise<void> {
    await this.items.updateMany(
      { postId: post._id, isOpen: true, isHeldBack: true },
      { $set: { isOpen: false, outcome, resolvedBy: new Types.ObjectId(actor.userId), resolvedAt: now } },
      { session },
    );
  }

  private async requireOpenItem(itemId: string): Promise<ReviewItemRecord> {
    const item = Types.ObjectId.isValid(itemId)
      ? await this.items.findById(itemId).lean<ReviewItemRecord>().exec()
      : null;
    if (!item) throw new NotFoundError('Review item', 'REVIEW_ITEM_NOT_FOUND');
    if (!item.isOpen) throw new PreconditionFailedError('REVIEW_ITEM_RESOLVED');
    return item;
  }

  /** Moderators of the board, or users with its review privilege (500 by default). */
  async assertReviewer(actor: Actor, board: BoardRecord): Promise<void> {
    if (actor.isSuspended) throw new ForbiddenError('SUSPENDED');
    if (await this.access.can(actor, BoardAction.Moderate, board)) return;
    await this.access.assert(actor, BoardAction.View, board);
    await this.privileges.assert(actor.userId, board, Privilege.REVIEW_QUEUES);
  }
}
