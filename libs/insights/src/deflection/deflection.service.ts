// Records the ask flow's suggestions and what came of them, and counts deflections per board.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, InvalidInputError, NotFoundError } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { InsightsRecorder } from '../metrics/insights-recorder.js';
import { Metric } from '../metrics/metrics.js';
import { AskSessionRepository } from './ask-session.repository.js';

/** A user who has not asked this long after seeing suggestions is taken to have found an answer. */
export const DEFLECTION_WINDOW_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

export interface DeflectionSummary {
  suggestionsShown: number;
  suggestionOpened: number;
  askedAnyway: number;
  deflected: number;
  deflectedAfterOpening: number;
  pending: number;
}

const isObjectId = (id: string) => /^[0-9a-f]{24}$/i.test(id);

@Injectable()
export class DeflectionService {
  constructor(
    private readonly sessions: AskSessionRepository,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly clock: Clock,
    private readonly recorder: InsightsRecorder,
  ) {}

  async suggestionsShown(actor: Actor, boardSlug: string, title: string, threadIds: string[]): Promise<string> {
    const problems = [
      ...(title.trim().length === 0 || title.length > 300
        ? [{ field: 'title', message: 'LENGTH_OUT_OF_RANGE', params: { min: 1, max: 300 } }]
        : []),
      ...(threadIds.length > 10 || !threadIds.every(isObjectId)
        ? [{ field: 'threadIds', message: 'INVALID_VALUE' }]
        : []),
    ];
    if (problems.length > 0) throw new InvalidInputError(problems);
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.View, board);
    const now = this.clock.now();
    const id = await this.sessions.insert({
      userId: new Types.ObjectId(actor.userId),
      boardId: board._id,
      title: title.trim(),
      shownThreadIds: threadIds.map((id) => new Types.ObjectId(id)),
      shownAt: now,
      openedThreadIds: [],
      askedThreadId: null,
      askedAt: null,
    });
    await this.recorder.count(board, now, { [Metric.SUGGESTIONS_SHOWN]: 1 });
    return id.toHexString();
  }

  async suggestionOpened(actor: Actor, askSessionId: string, threadId: string): Promise<void> {
    const session = isObjectId(askSessionId) ? await this.sessions.findById(new Types.ObjectId(askSessionId)) : null;
    if (!session || !session.userId.equals(actor.userId))
      throw new NotFoundError('AskSession', 'ASK_SESSION_NOT_FOUND');
    if (!isObjectId(threadId) || !session.shownThreadIds.some((id) => id.equals(threadId))) {
      throw new InvalidInputError([{ field: 'threadId', message: 'NOT_A_SUGGESTION' }]);
    }
    await this.sessions.addOpened(session._id, new Types.ObjectId(threadId));
  }

  /** A question was asked: the asker's latest suggestions on that board, if recent, were not enough. */
  async questionAsked(userId: string, boardId: string, threadId: string, at: Date): Promise<void> {
    const session = await this.sessions.markAsked(
      new Types.ObjectId(userId),
      new Types.ObjectId(boardId),
      new Date(at.getTime() - DEFLECTION_WINDOW_MS),
      new Types.ObjectId(threadId),
      at,
    );
    // Counted where the suggestions were shown, so shown minus asked is what they deflected.
    if (session) await this.recorder.countOnBoard(boardId, session.shownAt, { [Metric.ASKED_AFTER_SUGGESTIONS]: 1 });
  }

  /**
   * Drafts still inside the window (shown, not asked, too recent to tell) per UTC day of showing,
   * on a board or on all of an operator's boards. The day buckets count every draft shown, so the
   * figures take these off to count as deflected exactly what `summary` does.
   */
  async unsettledByDay(
    scope: { boardId: Types.ObjectId } | { operatorId: Types.ObjectId },
    from: Date,
    to: Date,
  ): Promise<Map<number, number>> {
    const now = this.clock.now();
    const since = new Date(Math.max(from.getTime(), now.getTime() - DEFLECTION_WINDOW_MS + 1));
    const until = new Date(Math.min(to.getTime(), now.getTime() + 1));
    if (!(since < until)) return new Map();
    const rows = await this.sessions.unasked(since, until, 'boardId' in scope ? scope.boardId : undefined);
    let inScope = rows;
    if ('operatorId' in scope && rows.length > 0) {
      const boards = await this.boards.findByIds(
        [...new Set(rows.map((row) => row.boardId.toHexString()))].map((id) => new Types.ObjectId(id)),
      );
      const ours = new Set(boards.filter((b) => b.operatorId.equals(scope.operatorId)).map((b) => b._id.toHexString()));
      inScope = rows.filter((row) => ours.has(row.boardId.toHexString()));
    }
    const byDay = new Map<number, number>();
    for (const row of inScope) {
      const day = Math.floor(row.shownAt.getTime() / DAY_MS) * DAY_MS;
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
    }
    return byDay;
  }

  async summary(actor: Actor, boardSlug: string, from: Date, to: Date): Promise<DeflectionSummary> {
    if (!(from < to)) throw new InvalidInputError([{ field: 'to', message: 'INVALID_VALUE' }]);
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.ViewInsights, board);
    const settledBefore = new Date(this.clock.now().getTime() - DEFLECTION_WINDOW_MS);
    const base = { boardId: board._id, shownAt: { $gte: from, $lt: to } };
    // Deflected: shown at least the window ago and not followed by a question.
    const abandoned = { ...base, askedThreadId: null, shownAt: { $gte: from, $lt: to, $lte: settledBefore } };
    const count = (filter: Record<string, unknown>) => this.sessions.count(filter);
    const [suggestionsShown, suggestionOpened, askedAnyway, deflected, deflectedAfterOpening] = await Promise.all([
      count(base),
      count({ ...base, 'openedThreadIds.0': { $exists: true } }),
      count({ ...base, askedThreadId: { $ne: null } }),
      count(abandoned),
      count({ ...abandoned, 'openedThreadIds.0': { $exists: true } }),
    ]);
    return {
      suggestionsShown,
      suggestionOpened,
      askedAnyway,
      deflected,
      deflectedAfterOpening,
      pending: suggestionsShown - askedAnyway - deflected,
    };
  }
}
