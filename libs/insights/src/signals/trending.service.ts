// `trendingTopics`: tags (from the hourly tag buckets) and terms (from scored posts) whose count in
// the latest window is well above their average over the four windows before it.
import { Injectable } from '@nestjs/common';
import { type Actor, Clock } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { HOUR_MS } from '../metrics/buckets.js';
import { InsightBucketRepository } from '../metrics/insight-bucket.repository.js';
import { Metric } from '../metrics/metrics.js';
import { PostSignalRepository } from './post-signal.repository.js';

export enum TrendWindow {
  HOUR = 'HOUR',
  DAY = 'DAY',
  WEEK = 'WEEK',
}

export enum TopicKind {
  TAG = 'TAG',
  TERM = 'TERM',
}

export interface TrendingTopic {
  kind: TopicKind;
  name: string;
  count: number;
  /** Mean count per window over the four windows before. */
  baseline: number;
  /** (count + 1) / (baseline + 1). */
  rise: number;
}

const WINDOW_MS: Record<TrendWindow, number> = {
  [TrendWindow.HOUR]: HOUR_MS,
  [TrendWindow.DAY]: 24 * HOUR_MS,
  [TrendWindow.WEEK]: 7 * 24 * HOUR_MS,
};
const BASELINE_WINDOWS = 4;
/** Below this many mentions in the window nothing is trending, and it must at least double. */
const MIN_COUNT = 3;
const MIN_RISE = 2;
/** Terms are counted over at most this many recent posts per window. */
const TERM_POSTS = 5_000;

export function rising(current: Map<string, number>, before: Map<string, number>, kind: TopicKind): TrendingTopic[] {
  return [...current.entries()].flatMap(([name, count]) => {
    const baseline = (before.get(name) ?? 0) / BASELINE_WINDOWS;
    const rise = Math.round(((count + 1) / (baseline + 1)) * 100) / 100;
    return count >= MIN_COUNT && rise >= MIN_RISE ? [{ kind, name, count, baseline, rise }] : [];
  });
}

const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

@Injectable()
export class TrendingService {
  constructor(
    private readonly buckets: InsightBucketRepository,
    private readonly signals: PostSignalRepository,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly clock: Clock,
  ) {}

  async trending(actor: Actor, boardSlug: string, window: TrendWindow, limit: number): Promise<TrendingTopic[]> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.ViewInsights, board);
    const now = this.clock.now();
    const size = WINDOW_MS[window];
    const windowStart = new Date(now.getTime() - size);
    const since = new Date(windowStart.getTime() - BASELINE_WINDOWS * size);
    const until = new Date(now.getTime() + 1);

    const [tagCurrent, tagBefore] = [new Map<string, number>(), new Map<string, number>()];
    // Hour buckets straddling the window's start count toward the window (whole hours).
    const windowHour = Math.floor(windowStart.getTime() / HOUR_MS) * HOUR_MS;
    for (const bucket of await this.buckets.tagsOfBoard(board._id, since, until)) {
      const questions = bucket.counts[Metric.QUESTIONS] ?? 0;
      if (questions > 0) bump(bucket.start.getTime() >= windowHour ? tagCurrent : tagBefore, bucket.tag!, questions);
    }
    const [termCurrent, termBefore] = [new Map<string, number>(), new Map<string, number>()];
    const [recent, earlier] = await Promise.all([
      this.signals.termsOnBoard(board._id, windowStart, until, TERM_POSTS),
      this.signals.termsOnBoard(board._id, since, windowStart, TERM_POSTS * BASELINE_WINDOWS),
    ]);
    for (const post of recent) for (const term of post.terms) bump(termCurrent, term);
    for (const post of earlier) for (const term of post.terms) bump(termBefore, term);

    return [...rising(tagCurrent, tagBefore, TopicKind.TAG), ...rising(termCurrent, termBefore, TopicKind.TERM)]
      .sort((a, b) => b.rise - a.rise || b.count - a.count || a.name.localeCompare(b.name))
      .slice(0, limit);
  }
}
