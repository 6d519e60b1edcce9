// The single-process adapter of the job port: a job runs inline when it is enqueued and periodic
// work runs on a timer. Retries, backoff and dead-lettering belong to whoever keeps the work
// durably — the outbox relay, which enqueues the side effects of committed changes.
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { type EnqueueOptions, type JobHandler, JobQueue, type QueueLag } from './job-queue.js';
import { runPeriodically } from './run-periodically.js';

/** Keys of finished jobs remembered for deduplication (oldest forgotten first). */
const REMEMBERED_KEYS = 10_000;

@Injectable()
export class InProcessJobQueue extends JobQueue implements BeforeApplicationShutdown {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger(InProcessJobQueue.name);
  private readonly handlers = new Map<string, JobHandler>();
  private readonly finishedKeys = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly stops = new Set<() => void>();
  private active = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  define(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async enqueue(name: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    const key = options.idempotencyKey;
    if (key !== undefined) {
      if (this.finishedKeys.has(key)) return;
      const running = this.running.get(key);
      if (running) return running;
    }
    const run = this.run(name, payload);
    if (key === undefined) return run;
    this.running.set(key, run);
    try {
      await run;
      this.remember(key);
    } finally {
      this.running.delete(key);
    }
  }

  schedule(name: string, intervalMs: number, task: () => Promise<unknown>): () => void {
    if (!this.config.runsBackgroundJobs) return () => undefined;
    const stop = runPeriodically(intervalMs, task, (error) => this.logger.error({ err: error }, `${name} failed`));
    this.stops.add(stop);
    return () => {
      stop();
      this.stops.delete(stop);
    };
  }

  async lag(): Promise<QueueLag> {
    return { waiting: 0, active: this.active, deadLettered: 0, oldestWaitingSeconds: null };
  }

  async isHealthy(): Promise<boolean> {
    return true;
  }

  beforeApplicationShutdown(): void {
    for (const stop of this.stops) stop();
    this.stops.clear();
  }

  private async run(name: string, payload: Record<string, unknown>): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no handler for job ${name}`);
    this.active++;
    try {
      await handler(payload);
    } finally {
      this.active--;
    }
  }

  private remember(key: string): void {
    if (this.finishedKeys.size >= REMEMBERED_KEYS) this.finishedKeys.delete(this.finishedKeys.values().next().value!);
    this.finishedKeys.add(key);
  }
}
