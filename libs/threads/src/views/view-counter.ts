// Counts thread views once per viewer per hour without a database write per read: views are
// deduplicated in memory and flushed as one bulk increment every few seconds (and at shutdown),
// as a job (with Redis, a worker writes it). A crash loses at most one interval of view counts,
// which is acceptable for a popularity number.
import { randomUUID } from 'node:crypto';
import {
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Types } from 'mongoose';
import { Clock, DomainEventBus, JobQueue } from '@helpboard/core';
import { ThreadViewsCounted } from '../events/thread-events.js';
import { ThreadRepository } from '../thread/thread.repository.js';

const FLUSH_INTERVAL_MS = 5_000;
const HOUR_MS = 3_600_000;
/** Bounds memory under a flood of distinct viewers; beyond it, views are still counted, just not deduplicated. */
const MAX_REMEMBERED_VIEWS = 200_000;
/** The job that adds a batch of views (payload `{ counts: { [threadId]: n } }`). */
export const VIEW_FLUSH_JOB = 'threads.add-views';

/** Who a view is counted for: the account, or for anonymous readers their address and browser. */
export function viewerKey(userId: string | null, req: { ip?: string; headers: Record<string, unknown> }): string {
  return userId ?? `${req.ip}|${String(req.headers['user-agent'] ?? '')}`;
}

@Injectable()
export class ViewCounter implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private seen = new Set<string>();
  private seenHour = -1;
  private pending = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly threads: ThreadRepository,
    private readonly clock: Clock,
    private readonly bus: DomainEventBus,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.define(VIEW_FLUSH_JOB, (payload) =>
      this.addViews(new Map(Object.entries(payload.counts as Record<string, number>))),
    );
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Records a view; returns whether it counted (first from this viewer this hour). */
  record(threadId: string, viewerKey: string): boolean {
    const hour = Math.floor(this.clock.now().getTime() / HOUR_MS);
    if (hour !== this.seenHour) {
      this.seen = new Set();
      this.seenHour = hour;
    }
    const key = `${threadId}|${viewerKey}`;
    if (this.seen.has(key)) return false;
    if (this.seen.size < MAX_REMEMBERED_VIEWS) this.seen.add(key);
    this.pending.set(threadId, (this.pending.get(threadId) ?? 0) + 1);
    return true;
  }

  /** Views recorded here but not yet written, so a reader sees their own view at once. */
  pendingFor(threadId: string): number {
    return this.pending.get(threadId) ?? 0;
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.jobs.enqueue(
        VIEW_FLUSH_JOB,
        { counts: Object.fromEntries(batch) },
        { idempotencyKey: `views-${randomUUID()}` },
      );
    } catch {
      // Put them back for the next attempt (the database or the queue was briefly unreachable).
      for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
    }
  }

  private async addViews(batch: Map<string, number>): Promise<void> {
    await this.threads.addViews(batch);
    // From here on the views are counted: a failure must not make the job run (and count) again.
    await this.publishCounts(batch).catch(() => undefined);
  }

  private async publishCounts(batch: Map<string, number>): Promise<void> {
    const now = this.clock.now();
    const counted = await this.threads.viewCounts([...batch.keys()].map((id) => new Types.ObjectId(id)));
    await this.bus.publish(
      counted.map(
        (row) =>
          new ThreadViewsCounted(
            row.boardId.toHexString(),
            row._id.toHexString(),
            row.authorId.toHexString(),
            row.viewCount,
            now,
          ),
      ),
    );
  }
}
