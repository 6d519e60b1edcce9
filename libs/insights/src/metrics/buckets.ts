// Where a fact is counted: the hour and the day it happened, on its board, its operator and (for
// the early-warning signals) its tags. Pure, so the live recorder and the benchmark's generator
// write buckets the same way.
import type { Types } from 'mongoose';
import { binOf, type Counts, type Duration, Metric } from './metrics.js';

export enum BucketGranularity {
  HOUR = 'HOUR',
  DAY = 'DAY',
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const boardScope = (boardId: Types.ObjectId | string) => `b:${String(boardId)}`;
export const operatorScope = (operatorId: Types.ObjectId | string) => `o:${String(operatorId)}`;
export const tagScope = (boardId: Types.ObjectId | string, tag: string) => `t:${String(boardId)}:${tag}`;

export const startOf = (granularity: BucketGranularity, at: Date) => {
  const size = granularity === BucketGranularity.HOUR ? HOUR_MS : DAY_MS;
  return new Date(Math.floor(at.getTime() / size) * size);
};

/** The metrics the detector watches per tag (the rest are per board and operator only). */
const TAG_METRICS: ReadonlySet<Metric> = new Set([Metric.QUESTIONS, Metric.NEGATIVE_POSTS, Metric.POSTS_SCORED]);

export interface CountedFact {
  at: Date;
  boardId: Types.ObjectId;
  operatorId: Types.ObjectId;
  tags?: readonly string[];
  counts?: Counts;
  /** Durations in milliseconds. */
  durations?: Partial<Record<Duration, number>>;
}

export interface BucketWrite {
  scope: string;
  granularity: BucketGranularity;
  start: Date;
  boardId: Types.ObjectId | null;
  operatorId: Types.ObjectId;
  tag: string | null;
  /** `$inc` paths: `counts.<metric>` and `histograms.<duration>.<bin>`. */
  inc: Record<string, number>;
}

export function bucketWrites(fact: CountedFact): BucketWrite[] {
  const inc: Record<string, number> = {};
  for (const [metric, value] of Object.entries(fact.counts ?? {})) if (value) inc[`counts.${metric}`] = value;
  for (const [name, ms] of Object.entries(fact.durations ?? {})) {
    if (ms !== undefined && ms >= 0) inc[`histograms.${name}.${binOf(ms)}`] = 1;
  }
  if (Object.keys(inc).length === 0) return [];
  const base = { operatorId: fact.operatorId, inc };
  const hour = startOf(BucketGranularity.HOUR, fact.at);
  const day = startOf(BucketGranularity.DAY, fact.at);
  const writes: BucketWrite[] = [
    {
      ...base,
      scope: boardScope(fact.boardId),
      granularity: BucketGranularity.HOUR,
      start: hour,
      boardId: fact.boardId,
      tag: null,
    },
    {
      ...base,
      scope: boardScope(fact.boardId),
      granularity: BucketGranularity.DAY,
      start: day,
      boardId: fact.boardId,
      tag: null,
    },
    {
      ...base,
      scope: operatorScope(fact.operatorId),
      granularity: BucketGranularity.DAY,
      start: day,
      boardId: null,
      tag: null,
    },
  ];
  const tagInc = Object.fromEntries(
    Object.entries(fact.counts ?? {})
      .filter(([metric, value]) => value && TAG_METRICS.has(metric as Metric))
      .map(([metric, value]) => [`counts.${metric}`, value!]),
  );
  if (Object.keys(tagInc).length > 0) {
    for (const tag of new Set(fact.tags ?? [])) {
      writes.push({
        scope: tagScope(fact.boardId, tag),
        granularity: BucketGranularity.HOUR,
        start: hour,
        boardId: fact.boardId,
        operatorId: fact.operatorId,
        tag,
        inc: tagInc,
      });
    }
  }
  return writes;
}

/**
 * Folds many writes to the same bucket into one (the benchmark's generator, batch importers);
 * pass `merged` to keep folding across calls.
 */
export function mergeWrites(writes: Iterable<BucketWrite>, merged = new Map<string, BucketWrite>()): BucketWrite[] {
  for (const write of writes) {
    const key = `${write.scope}|${write.granularity}|${write.start.getTime()}`;
    const into = merged.get(key);
    if (!into) {
      merged.set(key, { ...write, inc: { ...write.inc } });
      continue;
    }
    for (const [path, value] of Object.entries(write.inc)) into.inc[path] = (into.inc[path] ?? 0) + value;
  }
  return [...merged.values()];
}
