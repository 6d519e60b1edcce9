// `boardInsights`: a board's or an operator's figures over whole UTC days, in a series by day,
// ISO week or month, read from day buckets (one row per day, however many posts).
import { Injectable } from '@nestjs/common';
import type { Types } from 'mongoose';
import { type Actor, InvalidInputError, NotFoundError } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService, OperatorService } from '@helpboard/boards';
import { BucketGranularity, boardScope, DAY_MS, operatorScope, startOf } from './buckets.js';
import { type InsightFiguresValue, toFigures } from './figures.js';
import { InsightBucketRepository } from './insight-bucket.repository.js';
import { addCounts, addHistograms, type Counts, type Histograms, Metric } from './metrics.js';
import { DeflectionService } from '../deflection/deflection.service.js';

export enum InsightGranularity {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

/** At most this many days per request (three years of days is ~1,100 rows). */
export const MAX_INSIGHT_DAYS = 1_100;

export interface InsightsScope {
  boardSlug?: string | null;
  operatorSlug?: string | null;
}

export interface InsightsReport {
  scope: { kind: 'BOARD' | 'OPERATOR'; slug: string };
  from: Date;
  to: Date;
  granularity: InsightGranularity;
  totals: InsightFiguresValue;
  series: { start: Date; figures: InsightFiguresValue }[];
}

export function periodStart(granularity: InsightGranularity, day: Date): Date {
  if (granularity === InsightGranularity.DAY) return day;
  if (granularity === InsightGranularity.MONTH) return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  // ISO weeks start on Monday.
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

@Injectable()
export class BoardInsightsService {
  constructor(
    private readonly buckets: InsightBucketRepository,
    private readonly boards: BoardService,
    private readonly operators: OperatorService,
    private readonly access: BoardAccessService,
    private readonly deflection: DeflectionService,
  ) {}

  /** The scope's bucket key, once the actor may see it (board staff, or the operator's admins). */
  async authorise(actor: Actor, scope: InsightsScope) {
    if (!scope.boardSlug === !scope.operatorSlug) {
      throw new InvalidInputError([{ field: 'boardSlug', message: 'INSIGHTS_SCOPE_REQUIRED' }]);
    }
    if (scope.boardSlug) {
      const board = await this.boards.requireBoard(scope.boardSlug);
      await this.access.assert(actor, BoardAction.ViewInsights, board);
      return {
        kind: 'BOARD' as const,
        slug: board.slug,
        key: boardScope(board._id),
        boardId: board._id,
        operatorId: board.operatorId,
      };
    }
    const operator = await this.operators.requireBySlug(scope.operatorSlug!);
    await this.operators.assertAdmin(actor, operator);
    return {
      kind: 'OPERATOR' as const,
      slug: operator.slug,
      key: operatorScope(operator._id),
      boardId: null,
      operatorId: operator._id,
    };
  }

  async insights(
    actor: Actor,
    scope: InsightsScope,
    from: Date,
    to: Date,
    granularity: InsightGranularity,
  ): Promise<InsightsReport> {
    const range = dayRange(from, to);
    return this.compute(await this.authorise(actor, scope), range, granularity);
  }

  /** The same figures for the CLI's export (trusted: no actor); the board must be the operator's. */
  async export(operatorSlug: string, boardSlug: string | null, from: Date, to: Date, granularity: InsightGranularity) {
    const range = dayRange(from, to);
    const operator = await this.operators.requireBySlug(operatorSlug);
    if (!boardSlug) {
      return this.compute(
        {
          kind: 'OPERATOR',
          slug: operator.slug,
          key: operatorScope(operator._id),
          boardId: null,
          operatorId: operator._id,
        },
        range,
        granularity,
      );
    }
    const board = await this.boards.requireBoard(boardSlug);
    if (!board.operatorId.equals(operator._id)) throw new NotFoundError('Board', 'BOARD_NOT_FOUND');
    return this.compute(
      { kind: 'BOARD', slug: board.slug, key: boardScope(board._id), boardId: board._id, operatorId: operator._id },
      range,
      granularity,
    );
  }

  private async compute(
    target: InsightsTarget,
    range: { from: Date; to: Date },
    granularity: InsightGranularity,
  ): Promise<InsightsReport> {
    const [rows, unsettled] = await Promise.all([
      this.buckets.read([target.key], BucketGranularity.DAY, range.from, range.to),
      this.deflection.unsettledByDay(
        target.boardId ? { boardId: target.boardId } : { operatorId: target.operatorId },
        range.from,
        range.to,
      ),
    ]);
    const totals = { counts: {} as Counts, histograms: {} as Histograms };
    const periods = new Map<number, { counts: Counts; histograms: Histograms }>();
    for (const bucket of rows) {
      const row = withoutUnsettled(bucket, unsettled.get(bucket.start.getTime()) ?? 0);
      addCounts(totals.counts, row.counts);
      addHistograms(totals.histograms, row.histograms);
      const key = periodStart(granularity, row.start).getTime();
      const period = periods.get(key) ?? { counts: {}, histograms: {} };
      addCounts(period.counts, row.counts);
      addHistograms(period.histograms, row.histograms);
      periods.set(key, period);
    }
    return {
      scope: { kind: target.kind, slug: target.slug },
      ...range,
      granularity,
      totals: toFigures(totals.counts, totals.histograms),
      series: [...periods.entries()].map(([start, period]) => ({
        start: new Date(start),
        figures: toFigures(period.counts, period.histograms),
      })),
    };
  }
}

interface InsightsTarget {
  kind: 'BOARD' | 'OPERATOR';
  slug: string;
  key: string;
  boardId: Types.ObjectId | null;
  operatorId: Types.ObjectId;
}

/**
 * A day's counts without the drafts still inside the deflection window: shown minus asked counts
 * only settled drafts as deflected, as the deflection summary does (one rule, every figure).
 */
function withoutUnsettled<T extends { counts: Counts }>(row: T, unsettled: number): T {
  if (unsettled === 0) return row;
  const shown = row.counts[Metric.SUGGESTIONS_SHOWN] ?? 0;
  return { ...row, counts: { ...row.counts, [Metric.SUGGESTIONS_SHOWN]: Math.max(0, shown - unsettled) } };
}

/** Whole UTC days covering [from, to), validated. */
export function dayRange(from: Date, to: Date): { from: Date; to: Date } {
  const isValid = !Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime()) && from < to;
  if (!isValid) throw new InvalidInputError([{ field: 'to', message: 'INSIGHTS_RANGE_INVALID' }]);
  const fromDay = startOf(BucketGranularity.DAY, from);
  const toDay = new Date(startOf(BucketGranularity.DAY, new Date(to.getTime() - 1)).getTime() + DAY_MS);
  if ((toDay.getTime() - fromDay.getTime()) / DAY_MS > MAX_INSIGHT_DAYS) {
    throw new InvalidInputError([
      { field: 'to', message: 'INSIGHTS_RANGE_TOO_LONG', params: { max: MAX_INSIGHT_DAYS } },
    ]);
  }
  return { from: fromDay, to: toDay };
}
