// Awards earned badges when the facts behind them change, in a job per fact (idempotently: the
// unique key ignores a badge already held), and lets board staff grant and revoke Official Expert.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import {
  type Actor,
  Clock,
  DomainEventBus,
  InvalidInputError,
  JobQueue,
  JobQueueUnavailableError,
  NotFoundError,
} from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import {
  AnswerAccepted,
  OfficialAnswerMarked,
  PostStatsService,
  ThreadViewsCounted,
  VoteChanged,
} from '@helpboard/threads';
import {
  answerScoreBadges,
  badgesFromHistory,
  type EarnedBadge,
  expertBadges,
  FIRST_ACCEPTED_ANSWER,
  GOOD_ANSWER_SCORE,
  helpfulBadges,
  popularQuestionBadge,
  POPULAR_QUESTION_VIEWS,
} from './badge-rules.js';
import { BadgeEarned } from '../events/badge-earned.event.js';
import { BadgeKind, BadgeRecord, BadgeTier } from './badge.schema.js';

/** The job that applies the badge rules to one fact; its handler is idempotent (unique badge keys). */
const BADGE_JOB = 'reputation.badges';

/** A fact that may earn a badge: what the job carries (plain JSON, so it can cross to a worker). */
type BadgeFact =
  | { kind: 'vote'; userId: string; boardId: string; postId: string; score: number }
  | { kind: 'accepted' | 'official'; userId: string; boardId: string }
  | { kind: 'views'; userId: string; boardId: string; threadId: string };

@Injectable()
export class BadgeService implements OnModuleInit {
  constructor(
    @InjectModel(BadgeRecord.name) private readonly badges: Model<BadgeRecord>,
    private readonly bus: DomainEventBus,
    private readonly stats: PostStatsService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.define(BADGE_JOB, (payload) => this.evaluate(payload as unknown as BadgeFact));
    this.bus.on(VoteChanged, (event) =>
      event.postKind === 'ANSWER'
        ? this.enqueue({
            kind: 'vote',
            userId: event.authorId,
            boardId: event.boardId,
            postId: event.postId,
            score: event.score,
          })
        : undefined,
    );
    this.bus.on(AnswerAccepted, (event) =>
      this.enqueue({ kind: 'accepted', userId: event.answerAuthorId, boardId: event.boardId }),
    );
    this.bus.on(ThreadViewsCounted, (event) =>
      event.viewCount >= POPULAR_QUESTION_VIEWS
        ? this.enqueue({ kind: 'views', userId: event.authorId, boardId: event.boardId, threadId: event.threadId })
        : undefined,
    );
    this.bus.on(OfficialAnswerMarked, (event) =>
      this.enqueue({ kind: 'official', userId: event.answerAuthorId, boardId: event.boardId }),
    );
  }

  /**
   * Badge rules run as jobs (on a worker when Redis is configured, with its retries). When the
   * queue cannot take the job, this process evaluates it at once rather than lose the award.
   */
  private async enqueue(fact: BadgeFact): Promise<void> {
    try {
      await this.jobs.enqueue(BADGE_JOB, { ...fact });
    } catch (error) {
      if (!(error instanceof JobQueueUnavailableError)) throw error;
      await this.evaluate(fact);
    }
  }

  private async evaluate(fact: BadgeFact): Promise<void> {
    switch (fact.kind) {
      case 'vote': {
        const stats = await this.stats.answerStats(fact.userId, fact.boardId);
        return this.award(fact.userId, fact.boardId, [
          ...answerScoreBadges(fact.postId, fact.score),
          ...expertBadges(stats),
        ]);
      }
      case 'accepted':
        return this.award(fact.userId, fact.boardId, [FIRST_ACCEPTED_ANSWER]);
      case 'views':
        return this.award(fact.userId, fact.boardId, [popularQuestionBadge(fact.threadId)]);
      case 'official': {
        const stats = await this.stats.answerStats(fact.userId, fact.boardId);
        return this.award(fact.userId, fact.boardId, helpfulBadges(stats.officialCount));
      }
    }
  }

  /**
   * Evaluates every earned-badge rule over a board's whole history once (after an import: badge
   * rules otherwise run only on live events). Idempotent, so an interrupted run is simply run
   * again; nobody is notified of badges for history. `excluded`: accounts that earn nothing (the
   * stand-in owner of deleted users' posts). Returns how many badges were new.
   */
  async awardFromHistory(boardId: Types.ObjectId, excluded: readonly Types.ObjectId[] = []): Promise<number> {
    const facts = await this.stats.badgeFactsOfBoard(boardId, {
      minAnswerScore: GOOD_ANSWER_SCORE,
      minViews: POPULAR_QUESTION_VIEWS,
    });
    const hex = (id: Types.ObjectId) => id.toHexString();
    const earned = badgesFromHistory({
      answerers: facts.answerers.map(({ authorId, ...stats }) => ({ userId: hex(authorId), ...stats })),
      scoredAnswers: facts.scoredAnswers.map((a) => ({
        answerId: hex(a._id),
        userId: hex(a.authorId),
        score: a.score,
      })),
      popularQuestions: facts.popularQuestions.map((q) => ({ threadId: hex(q._id), userId: hex(q.authorId) })),
    });
    for (const id of excluded) earned.delete(hex(id));
    let added = 0;
    for (const [userId, badges] of earned) added += (await this.insertMissing(userId, hex(boardId), badges)).length;
    return added;
  }

  async award(userId: string, boardId: string, earned: EarnedBadge[]): Promise<void> {
    // Awards happen in jobs, after the fact they reward has committed.
    await this.bus.publish(await this.insertMissing(userId, boardId, earned));
  }

  /** Inserts the badges not held yet (the unique key makes this safe to repeat); returns the new ones. */
  private async insertMissing(userId: string, boardId: string, earned: EarnedBadge[]): Promise<BadgeEarned[]> {
    const now = this.clock.now();
    const firsts: BadgeEarned[] = [];
    for (const badge of earned) {
      const result = await this.badges.updateOne(
        {
          userId: new Types.ObjectId(userId),
          boardId: new Types.ObjectId(boardId),
          kind: badge.kind,
          tier: badge.tier,
          subject: badge.subject,
        },
        { $setOnInsert: { awardedAt: now, expiresAt: null, reason: null, grantedBy: null, revokedAt: null } },
        { upsert: true },
      );
      if (result.upsertedCount === 1) {
        firsts.push(new BadgeEarned(userId, boardId, badge.kind, badge.tier, badge.subject, now));
      }
    }
    return firsts;
  }

  /** Board staff and owners certify an Official Expert of their board, until a date. */
  async grantOfficialExpert(
    actor: Actor,
    boardSlug: string,
    handle: string,
    expiresAt: Date,
    reason: string,
  ): Promise<BadgeRecord> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.ActAsStaff, board);
    const now = this.clock.now();
    if (expiresAt <= now) throw new InvalidInputError([{ field: 'expiresAt', message: 'INVALID_VALUE' }]);
    const user = await this.users.requireByHandle(handle);
    return (await this.badges
      .findOneAndUpdate(
        { userId: user._id, boardId: board._id, kind: BadgeKind.OFFICIAL_EXPERT, tier: BadgeTier.GOLD, subject: '' },
        { $set: { awardedAt: now, expiresAt, reason, grantedBy: new Types.ObjectId(actor.userId), revokedAt: null } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<BadgeRecord>()
      .exec())!;
  }

  async revokeOfficialExpert(actor: Actor, boardSlug: string, handle: string): Promise<void> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.ActAsStaff, board);
    const user = await this.users.requireByHandle(handle);
    const result = await this.badges.updateOne(
      { userId: user._id, boardId: board._id, kind: BadgeKind.OFFICIAL_EXPERT, revokedAt: null },
      { $set: { revokedAt: this.clock.now() } },
    );
    if (result.matchedCount === 0) throw new NotFoundError('Badge', 'BADGE_NOT_FOUND');
  }

  /** Badges in force (not revoked, not expired) of many users, optionally on one board. */
  async activeFor(userIds: readonly Types.ObjectId[], boardId?: Types.ObjectId): Promise<BadgeRecord[]> {
    const now = this.clock.now();
    return this.badges
      .find({
        userId: { $in: userIds },
        ...(boardId ? { boardId } : {}),
        revokedAt: null,
        $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
      })
      .sort({ awardedAt: 1 })
      .lean<BadgeRecord[]>()
      .exec();
  }

  async holders(boardId: Types.ObjectId, kind: BadgeKind | null, limit: number): Promise<BadgeRecord[]> {
    const now = this.clock.now();
    return this.badges
      .find({
        boardId,
        ...(kind ? { kind } : {}),
        revokedAt: null,
        $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
      })
      .sort({ awardedAt: -1 })
      .limit(limit)
      .lean<BadgeRecord[]>()
      .exec();
  }
}
