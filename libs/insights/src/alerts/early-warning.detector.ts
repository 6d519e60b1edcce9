// The early-warning detector: per board and per tag, this hour's (and the last hour's) questions
// and negative posts against the trailing 24 hours, from the hourly buckets; and influential
// users whose new post is negative when their usual tone is not.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { Clock } from '@helpboard/core';
import { ThreadStateService } from '@helpboard/threads';
import { BucketGranularity, HOUR_MS, startOf } from '../metrics/buckets.js';
import { InsightBucketRepository } from '../metrics/insight-bucket.repository.js';
import type { InsightBucket } from '../metrics/insight-bucket.schema.js';
import { Metric } from '../metrics/metrics.js';
import { PostSignalRepository } from '../signals/post-signal.repository.js';
import type { PostSignal } from '../signals/post-signal.schema.js';
import { type AlertCandidate, AlertService } from './alert.service.js';
import { AlertKind, type AlertThread } from './alert.schema.js';
import { BASELINE_HOURS, spikeOf } from './spike-rule.js';

/** Fewer than this many questions on a tag, or negative posts, in an hour is never a spike. */
export const SPIKE_FLOOR = 5;
/** Reputation on the operator from which a user's tone is watched. */
export const INFLUENTIAL_REPUTATION = 1_000;
const EPISODE_MS = 6 * HOUR_MS;
const USER_EPISODE_MS = 24 * HOUR_MS;
const EVIDENCE_THREADS = 20;
const HISTORY_POSTS = 10;

@Injectable()
export class EarlyWarningDetector {
  constructor(
    private readonly buckets: InsightBucketRepository,
    private readonly signals: PostSignalRepository,
    private readonly alerts: AlertService,
    private readonly threads: ThreadStateService,
    private readonly clock: Clock,
  ) {}

  /** Looks at the last and the current hour; returns how many new alerts were raised. */
  async detect(): Promise<number> {
    const now = this.clock.now();
    const hour = startOf(BucketGranularity.HOUR, now);
    const previous = new Date(hour.getTime() - HOUR_MS);
    let raised = 0;
    for (const hourStart of [previous, hour]) {
      for (const candidate of await this.volumeCandidates(hourStart)) {
        if (await this.alerts.raise(candidate, now)) raised++;
      }
    }
    for (const candidate of await this.influentialCandidates(previous, now)) {
      if (await this.alerts.raise(candidate, now)) raised++;
    }
    return raised;
  }

  private async volumeCandidates(hourStart: Date): Promise<AlertCandidate[]> {
    const hourEnd = new Date(hourStart.getTime() + HOUR_MS);
    const active = (await this.buckets.active(BucketGranularity.HOUR, hourStart, hourEnd)).filter((b) => b.boardId);
    if (active.length === 0) return [];
    const since = new Date(hourStart.getTime() - BASELINE_HOURS * HOUR_MS);
    const history = await this.buckets.read(
      active.map((bucket) => bucket.scope),
      BucketGranularity.HOUR,
      since,
      hourStart,
    );
    const byScope = new Map<string, Map<number, InsightBucket>>();
    for (const bucket of history) {
      const hours = byScope.get(bucket.scope) ?? new Map<number, InsightBucket>();
      byScope.set(bucket.scope, hours.set(bucket.start.getTime(), bucket));
    }
    const trailing = (scope: string, metric: Metric) =>
      Array.from(
        { length: BASELINE_HOURS },
        (_, i) => byScope.get(scope)?.get(since.getTime() + i * HOUR_MS)?.counts[metric] ?? 0,
      );
    const found: (Omit<AlertCandidate, 'threads'> & { bucket: InsightBucket })[] = [];
    for (const bucket of active) {
      const negative = spikeOf(
        bucket.counts[Metric.NEGATIVE_POSTS] ?? 0,
        trailing(bucket.scope, Metric.NEGATIVE_POSTS),
        SPIKE_FLOOR,
      );
      const questions = bucket.tag
        ? spikeOf(bucket.counts[Metric.QUESTIONS] ?? 0, trailing(bucket.scope, Metric.QUESTIONS), SPIKE_FLOOR)
        : null;
      const signals = [
        ...(questions?.isSpike ? [AlertKind.QUESTION_SPIKE] : []),
        ...(negative.isSpike ? [AlertKind.NEGATIVE_BURST] : []),
      ];
      if (signals.length === 0) continue;
      const kind = negative.isSpike ? AlertKind.NEGATIVE_BURST : AlertKind.QUESTION_SPIKE;
      const metric = kind === AlertKind.NEGATIVE_BURST ? Metric.NEGATIVE_POSTS : Metric.QUESTIONS;
      found.push({
        bucket,
        boardId: bucket.boardId!,
        operatorId: bucket.operatorId,
        kind,
        subject: bucket.tag ? `tag:${bucket.tag}` : 'board',
        tag: bucket.tag,
        userId: null,
        hourStart,
        signals,
        observed: bucket.counts[metric] ?? 0,
        baseline: (kind === AlertKind.NEGATIVE_BURST ? negative : questions!).mean,
        cooldownMs: EPISODE_MS,
      });
    }
    // A board-wide negative burst that one tag already explains is the same story: say it once.
    const explained = new Set(
      found.filter((c) => c.tag && c.kind === AlertKind.NEGATIVE_BURST).map((c) => c.boardId.toHexString()),
    );
    const kept = found.filter((c) => c.tag || !explained.has(c.boardId.toHexString()));
    return Promise.all(
      kept.map(async ({ bucket: _bucket, ...candidate }) => ({
        ...candidate,
        threads: await this.evidence(candidate, hourStart, hourEnd),
      })),
    );
  }

  /** The threads whose posts in the hour made the signal, most recent first. */
  private async evidence(candidate: Omit<AlertCandidate, 'threads'>, from: Date, to: Date): Promise<AlertThread[]> {
    const filter: Record<string, unknown> = {};
    if (candidate.tag) filter.tags = candidate.tag;
    if (candidate.kind === AlertKind.NEGATIVE_BURST) filter.isNegative = true;
    else filter.kind = 'QUESTION';
    const posts = await this.signals.onBoard(candidate.boardId, from, to, filter);
    return this.titled(posts.reverse().map((post) => post.threadId));
  }

  private async influentialCandidates(from: Date, now: Date): Promise<AlertCandidate[]> {
    const negative = await this.signals.negativeByReputed(from, new Date(now.getTime() + 1), INFLUENTIAL_REPUTATION);
    const candidates: AlertCandidate[] = [];
    for (const post of negative) {
      const earlier = await this.signals.recentOf(post.authorId, post.operatorId, post.at, HISTORY_POSTS);
      if (!isUsuallyNonNegative(earlier)) continue;
      candidates.push({
        boardId: post.boardId,
        operatorId: post.operatorId,
        kind: AlertKind.INFLUENTIAL_NEGATIVE,
        subject: `user:${post.authorId.toHexString()}`,
        tag: null,
        userId: post.authorId,
        hourStart: startOf(BucketGranularity.HOUR, post.at),
        signals: [AlertKind.INFLUENTIAL_NEGATIVE],
        observed: post.sentiment,
        baseline: mean(earlier.map((p) => p.sentiment)),
        threads: await this.titled([post.threadId]),
        cooldownMs: USER_EPISODE_MS,
      });
    }
    return candidates;
  }

  private async titled(threadIds: Types.ObjectId[]): Promise<AlertThread[]> {
    const unique = [...new Set(threadIds.map((id) => id.toHexString()))].slice(0, EVIDENCE_THREADS);
    const threads = await Promise.all(unique.map((id) => this.threads.requireThread(id).catch(() => null)));
    return threads.flatMap((thread) =>
      thread ? [{ threadId: new Types.ObjectId(thread._id), title: thread.title }] : [],
    );
  }
}

const mean = (values: number[]) =>
  values.length === 0 ? 0 : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000;

/** "Turning negative": their earlier posts were on average not negative (or this is their first). */
function isUsuallyNonNegative(earlier: PostSignal[]): boolean {
  return mean(earlier.map((post) => post.sentiment)) >= 0;
}
