// Starting, awarding and expiring bounties. The offered reputation leaves the starter at once;
// an award, or the automatic half-award after 7 days, pays it to an answer's author.
import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import {
  type Actor,
  APP_CONFIG,
  JobQueue,
  type AppConfig,
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
} from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { PostKind, PostStatsService, ThreadQueryService, ThreadStatus, markThreadChanged } from '@helpboard/threads';
import { ReputationKind } from '../ledger/reputation-entry.schema.js';
import { ReputationService } from '../reputation.service.js';
import { BountyRecord, BountyStatus } from './bounty.schema.js';

export const BOUNTY_AMOUNT = { min: 50, max: 500 };
export const BOUNTY_DAYS = 7;
/** SE: an unawarded bounty's automatic award needs an answer scoring at least this. */
const AUTO_AWARD_MIN_SCORE = 2;
const EXPIRY_CHECK_MS = 60_000;

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

@Injectable()
export class BountyService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stop?: () => void;

  constructor(
    @InjectModel(BountyRecord.name) private readonly bounties: Model<BountyRecord>,
    private readonly threads: ThreadQueryService,
    private readonly posts: PostStatsService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly reputation: ReputationService,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsBackgroundJobs) return;
    // Once a minute across all instances (the job port shares the schedule).
    this.stop = this.jobs.schedule('BountyExpiry', EXPIRY_CHECK_MS, () => this.expireDue());
  }

  beforeApplicationShutdown(): void {
    this.stop?.();
  }

  async startBounty(actor: Actor, threadId: string, amount: number): Promise<BountyRecord> {
    if (!Number.isInteger(amount) || amount < BOUNTY_AMOUNT.min || amount > BOUNTY_AMOUNT.max) {
      throw new InvalidInputError([{ field: 'amount', message: 'PAGE_SIZE_OUT_OF_RANGE', params: BOUNTY_AMOUNT }]);
    }
    const thread = await this.threads.getThread(actor, threadId);
    await this.access.assert(actor, BoardAction.Participate, await this.boards.requireById(thread.boardId));
    if (thread.status !== ThreadStatus.OPEN || thread.isLocked) throw new PreconditionFailedError('THREAD_CLOSED');
    const now = this.clock.now();
    const bounty: BountyRecord = {
      _id: new Types.ObjectId(),
      threadId: thread._id,
      boardId: thread.boardId,
      starterId: new Types.ObjectId(actor.userId),
      amount,
      startedAt: now,
      endsAt: new Date(now.getTime() + BOUNTY_DAYS * 86_400_000),
      status: BountyStatus.OPEN,
      awardedAnswerId: null,
      openThreadId: thread._id,
    };
    try {
      await this.unitOfWork.run(async (tx) => {
        await this.bounties.create([bounty], { session: tx.session });
        await this.reputation.spend(
          tx,
          this.cause(bounty, actor.userId, now),
          actor.userId,
          ReputationKind.BOUNTY_OFFERED,
          amount,
        );
        // The thread page shows the open bounty: its version moves with it.
        markThreadChanged(tx, thread._id.toHexString(), now);
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictError('BOUNTY_OPEN');
      throw error;
    }
    return bounty;
  }

  /** The starter gives the bounty to an answer of the thread, within the bounty period. */
  async awardBounty(actor: Actor, answerId: string): Promise<BountyRecord> {
    const answer = Types.ObjectId.isValid(answerId) ? await this.posts.post(answerId) : null;
    if (!answer || answer.hiddenAt || answer.kind !== PostKind.ANSWER)
      throw new NotFoundError('Post', 'POST_NOT_FOUND');
    const bounty = await this.bounties.findOne({ openThreadId: answer.threadId }).lean<BountyRecord>().exec();
    if (!bounty) throw new PreconditionFailedError('NO_OPEN_BOUNTY');
    if (!bounty.starterId.equals(actor.userId)) throw new ForbiddenError('NOT_BOUNTY_STARTER');
    if (answer.authorId.equals(actor.userId)) throw new PreconditionFailedError('BOUNTY_OWN_ANSWER');
    const now = this.clock.now();
    if (now > bounty.endsAt) throw new PreconditionFailedError('BOUNTY_ENDED');
    return this.pay(
      bounty,
      answer.authorId.toHexString(),
      answer._id,
      bounty.amount,
      BountyStatus.AWARDED,
      actor.userId,
    );
  }

  /** Settles bounties past their end: half to the best new answer scoring 2 or more, else nothing. */
  async expireDue(): Promise<number> {
    const now = this.clock.now();
    const due = await this.bounties
      .find({ status: BountyStatus.OPEN, endsAt: { $lte: now } })
      .lean<BountyRecord[]>()
      .exec();
    for (const bounty of due) {
      const best = await this.posts.topAnswerSince(bounty.threadId, bounty.boardId, bounty.startedAt);
      const isEligible = best && best.score >= AUTO_AWARD_MIN_SCORE && !best.authorId.equals(bounty.starterId);
      if (isEligible) {
        await this.pay(
          bounty,
          best.authorId.toHexString(),
          best._id,
          Math.floor(bounty.amount / 2),
          BountyStatus.AUTO_AWARDED,
          bounty.starterId.toHexString(),
        );
      } else {
        await this.unitOfWork.run(async (tx) => {
          const expired = await this.bounties.updateOne(
            { _id: bounty._id, status: BountyStatus.OPEN },
            { $set: { status: BountyStatus.EXPIRED, openThreadId: null } },
            { session: tx.session },
          );
          if (expired.modifiedCount === 1) markThreadChanged(tx, bounty.threadId.toHexString(), now);
        });
      }
    }
    return due.length;
  }

  openBountyOn(threadId: Types.ObjectId): Promise<BountyRecord | null> {
    return this.bounties.findOne({ openThreadId: threadId }).lean<BountyRecord>().exec();
  }

  private async pay(
    bounty: BountyRecord,
    authorId: string,
    answerId: Types.ObjectId,
    amount: number,
    status: BountyStatus,
    actorId: string,
  ) {
    const now = this.clock.now();
    await this.unitOfWork.run(async (tx) => {
      // Only an open bounty is paid, once: a concurrent award or expiry finds it settled.
      const settled = await this.bounties.updateOne(
        { _id: bounty._id, status: BountyStatus.OPEN },
        { $set: { status, awardedAnswerId: answerId, openThreadId: null } },
        { session: tx.session },
      );
      if (settled.modifiedCount !== 1) throw new PreconditionFailedError('NO_OPEN_BOUNTY');
      await this.reputation.award(tx, { ...this.cause(bounty, actorId, now), postId: answerId.toHexString() }, [
        { userId: authorId, kind: ReputationKind.BOUNTY_AWARDED, delta: amount },
      ]);
      markThreadChanged(tx, bounty.threadId.toHexString(), now);
    });
    return { ...bounty, status, awardedAnswerId: answerId, openThreadId: null };
  }

  private cause(bounty: BountyRecord, actorId: string, at: Date) {
    return { source: `bounty:${bounty._id.toHexString()}`, boardId: bounty.boardId.toHexString(), actorId, at };
  }
}
