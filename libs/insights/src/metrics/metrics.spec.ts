import { describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import { bucketWrites, BucketGranularity, mergeWrites } from './buckets.js';
import { binOf, Duration, Metric, quantile } from './metrics.js';

describe('duration histograms', () => {
  it('bins durations by their upper edge in minutes', () => {
    expect(binOf(30_000)).toBe(0);
    expect(binOf(60_000)).toBe(0);
    expect(binOf(61_000)).toBe(1);
    expect(binOf(40 * 24 * 60 * 60_000)).toBe(17);
  });

  it('reads quantiles within a bin, in seconds', () => {
    // Ten durations in the 5–10 minute bin: the median is half way through it.
    expect(quantile({ 3: 10 }, 0.5)).toBe(450);
    expect(quantile({ 0: 9, 6: 1 }, 0.9)).toBe(60);
    expect(quantile({}, 0.5)).toBeNull();
    expect(quantile({ 17: 2 }, 0.5)).toBe(43_200 * 60);
  });
});

describe('bucketWrites', () => {
  const boardId = new Types.ObjectId();
  const operatorId = new Types.ObjectId();
  const at = new Date('2026-03-02T08:45:00Z');

  it('counts a fact in its hour and day on the board, its day on the operator and its tags', () => {
    const writes = bucketWrites({
      at,
      boardId,
      operatorId,
      tags: ['outage', 'outage', 'billing'],
      counts: { [Metric.QUESTIONS]: 1, [Metric.ANSWERS]: 0 },
      durations: { [Duration.FIRST_ANSWER]: 12 * 60_000 },
    });
    expect(writes.map((w) => [w.scope, w.granularity, w.start.toISOString()])).toEqual([
      [`b:${boardId}`, BucketGranularity.HOUR, '2026-03-02T08:00:00.000Z'],
      [`b:${boardId}`, BucketGranularity.DAY, '2026-03-02T00:00:00.000Z'],
      [`o:${operatorId}`, BucketGranularity.DAY, '2026-03-02T00:00:00.000Z'],
      [`t:${boardId}:outage`, BucketGranularity.HOUR, '2026-03-02T08:00:00.000Z'],
      [`t:${boardId}:billing`, BucketGranularity.HOUR, '2026-03-02T08:00:00.000Z'],
    ]);
    expect(writes[0].inc).toEqual({ 'counts.questions': 1, 'histograms.firstAnswer.4': 1 });
    expect(writes[3].inc).toEqual({ 'counts.questions': 1 });
  });

  it('merges writes to the same bucket', () => {
    const one = bucketWrites({ at, boardId, operatorId, counts: { [Metric.ANSWERS]: 1 } });
    const merged = mergeWrites([...one, ...one, ...one]);
    expect(merged).toHaveLength(3);
    expect(merged.every((w) => w.inc['counts.answers'] === 3)).toBe(true);
    expect(one[0].inc['counts.answers']).toBe(1);
  });
});
