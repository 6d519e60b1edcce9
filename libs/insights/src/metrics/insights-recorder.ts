// Counts facts into the buckets after their commit. Facts that must count once per question
// (first answer, resolution) are decided by a conditional write on its record. Facts of user
// writes come through an after-commit job (insights-facts.ts) and pass its `session`, so that
// what they count commits with the job's applied-marker, once.
import { Injectable } from '@nestjs/common';
import { type ClientSession, Types } from 'mongoose';
import type { BoardRecord } from '@helpboard/boards';
import type { ThreadRecord } from '@helpboard/threads';
import { EscalationTier } from '../escalation/escalation.schema.js';
import { type CountedFact, bucketWrites } from './buckets.js';
import { InsightBucketRepository } from './insight-bucket.repository.js';
import { InsightThreadRepository } from './insight-thread.repository.js';
import { type InsightThread, ResolvedBy } from './insight-thread.schema.js';
import { type Counts, Duration, Metric } from './metrics.js';
import { StaffDirectory } from './staff-directory.js';

type TrackedQuestion = Pick<ThreadRecord, '_id' | 'boardId' | 'authorId' | 'tags' | 'createdAt'>;

const id = (value: string | Types.ObjectId) => (typeof value === 'string' ? new Types.ObjectId(value) : value);

@Injectable()
export class InsightsRecorder {
  constructor(
    private readonly buckets: InsightBucketRepository,
    private readonly threads: InsightThreadRepository,
    private readonly staff: StaffDirectory,
  ) {}

  /** Adds counts on a board at a time (tags for the early-warning signals). */
  async count(
    board: Pick<BoardRecord, '_id' | 'operatorId'>,
    at: Date,
    counts: Counts,
    tags: readonly string[] = [],
    session?: ClientSession,
  ) {
    await this.write({ at, boardId: board._id, operatorId: board.operatorId, tags, counts }, session);
  }

  async countOnBoard(
    boardId: string | Types.ObjectId,
    at: Date,
    counts: Counts,
    tags: readonly string[] = [],
    session?: ClientSession,
  ) {
    await this.count(await this.staff.board(id(boardId)), at, counts, tags, session);
  }

  /**
   * Records the question that facts about it (answers, resolution) are counted against, in the
   * transaction that asks it: a new row, shared by no one, so an answer's job always finds it.
   */
  async trackQuestion(thread: TrackedQuestion, session: ClientSession): Promise<void> {
    const board = await this.staff.board(thread.boardId);
    await this.threads.insertOnce(
      {
        threadId: thread._id,
        boardId: board._id,
        operatorId: board.operatorId,
        askerId: thread.authorId,
        askedAt: thread.createdAt,
        tags: thread.tags,
        firstAnswerAt: null,
        firstStaffAnswerAt: null,
        resolvedBy: null,
        resolvedAt: null,
        answererIds: [],
        viewCount: 0,
      },
      session,
    );
  }

  /** Counts a question asked, on its board and tags (once: the after-commit job sees to it). */
  async questionAsked(thread: TrackedQuestion, session?: ClientSession): Promise<void> {
    const board = await this.staff.board(thread.boardId);
    await this.count(board, thread.createdAt, { [Metric.QUESTIONS]: 1 }, thread.tags, session);
  }

  async answerPosted(threadId: string, authorId: string, at: Date, session?: ClientSession): Promise<void> {
    const thread = await this.threads.find(id(threadId), session);
    if (!thread) return;
    const board = await this.staff.board(thread.boardId);
    const isStaff = await this.staff.isStaff(board, authorId);
    const counts = { [Metric.ANSWERS]: 1, ...(isStaff ? { [Metric.STAFF_ANSWERS]: 1 } : {}) };
    await this.count(board, at, counts, [], session);
    await this.threads.addAnswerer(thread.threadId, id(authorId), session);
    if (thread.askerId.equals(authorId)) return;
    const first = await this.threads.setOnce(
      thread.threadId,
      'firstAnswerAt',
      { $set: { firstAnswerAt: at } },
      session,
    );
    if (first)
      await this.onAsked(
        first,
        { [Metric.FIRST_ANSWERED]: 1 },
        { [Duration.FIRST_ANSWER]: at.getTime() - first.askedAt.getTime() },
        session,
      );
    if (!isStaff) return;
    const firstStaff = await this.threads.setOnce(
      thread.threadId,
      'firstStaffAnswerAt',
      { $set: { firstStaffAnswerAt: at } },
      session,
    );
    if (firstStaff)
      await this.onAsked(
        firstStaff,
        {},
        { [Duration.STAFF_FIRST_RESPONSE]: at.getTime() - firstStaff.askedAt.getTime() },
        session,
      );
  }

  /** The asker accepted, or staff marked official: the question is resolved by the answer's author. */
  async answerChosen(
    threadId: string,
    answerAuthorId: string,
    at: Date,
    how: 'ACCEPTED' | 'OFFICIAL',
    session?: ClientSession,
  ): Promise<void> {
    const thread = await this.threads.find(id(threadId), session);
    if (!thread) return;
    const board = await this.staff.board(thread.boardId);
    const isStaff = await this.staff.isStaff(board, answerAuthorId);
    const metric =
      how === 'OFFICIAL'
        ? isStaff
          ? Metric.STAFF_OFFICIAL
          : undefined
        : isStaff
          ? Metric.STAFF_ACCEPTED
          : Metric.PEER_ACCEPTED;
    if (metric) await this.count(board, at, { [metric]: 1 }, [], session);
    await this.resolve(thread, isStaff ? ResolvedBy.STAFF : ResolvedBy.PEER, at, session);
  }

  async escalated(boardId: string, tier: EscalationTier, reason: string, at: Date): Promise<void> {
    const metric =
      tier === EscalationTier.CASE
        ? Metric.CASES_OPENED
        : reason !== 'SLA'
          ? Metric.FLAGGED_FOR_STAFF
          : tier === EscalationTier.EXPERTS
            ? Metric.SLA_BREACH_EXPERTS
            : Metric.SLA_BREACH_STAFF;
    await this.countOnBoard(boardId, at, { [metric]: 1 });
  }

  async caseSolved(threadId: string, at: Date): Promise<void> {
    const thread = await this.threads.find(id(threadId));
    if (!thread) return;
    await this.countOnBoard(thread.boardId, at, { [Metric.CASES_SOLVED]: 1 });
    await this.resolve(thread, ResolvedBy.STAFF, at);
  }

  threadOf(threadId: string, session?: ClientSession): Promise<InsightThread | null> {
    return this.threads.find(id(threadId), session);
  }

  /** The thread's answerers and the views they have not been credited with yet. */
  async newViews(threadId: string, viewCount: number): Promise<{ thread: InsightThread; added: number } | null> {
    const before = await this.threads.setViews(id(threadId), viewCount);
    return before ? { thread: before, added: viewCount - before.viewCount } : null;
  }

  private async resolve(thread: InsightThread, by: ResolvedBy, at: Date, session?: ClientSession): Promise<void> {
    const before = await this.threads.resolve(thread.threadId, by, at, session);
    if (!before) return;
    await this.onAsked(
      before,
      { [by === ResolvedBy.STAFF ? Metric.RESOLVED_BY_STAFF : Metric.RESOLVED_BY_PEERS]: 1 },
      { [Duration.RESOLUTION]: at.getTime() - before.askedAt.getTime() },
      session,
    );
  }

  /** Counts in the bucket of the question's asking (see metrics.ts). */
  private onAsked(
    thread: InsightThread,
    counts: Counts,
    durations: CountedFact['durations'],
    session: ClientSession | undefined,
  ) {
    const fact = { at: thread.askedAt, boardId: thread.boardId, operatorId: thread.operatorId, counts, durations };
    return this.write(fact, session);
  }

  private async write(fact: CountedFact, session?: ClientSession): Promise<void> {
    await this.buckets.add(bucketWrites(fact), session);
  }
}
