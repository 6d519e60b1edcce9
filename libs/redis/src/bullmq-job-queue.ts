// The job port on BullMQ: one queue for every lib's jobs, consumed by every process that runs
// background jobs (API instances unless started with BACKGROUND_JOBS=off, and `npm run worker`).
// A job's id is its idempotency key, so the same work enqueued twice is stored once; failures are
// retried with exponential backoff and kept in the failed set (the dead letters) after the last
// attempt. Periodic work uses BullMQ job schedulers: every instance upserts the same scheduler and
// Redis holds one next run per interval, so each run happens once however many instances there are.
import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import { type Metrics, runObservedJob } from '@helpboard/observability';
import {
  type AppConfig,
  currentRequestId,
  type EnqueueOptions,
  JOB_ATTEMPTS,
  JOB_BACKOFF_MS,
  type JobHandler,
  JobQueue,
  JobQueueUnavailableError,
  type QueueLag,
} from '@helpboard/core';
import type { RedisConnection } from './redis-connection.js';

export const JOB_QUEUE_NAME = 'jobs';
export const JOB_KEY_PREFIX = 'helpboard';
/** Prefix of the job names that periodic schedules create. */
export const PERIODIC_JOB_PREFIX = 'periodic.';

const ENQUEUE_TIMEOUT_MS = 3_000;
const DAY_S = 86_400;
/**
 * A worker holds a job's lock this long, renewing it while alive; a killed worker's job is taken
 * back within about LOCK_MS + STALLED_CHECK_MS and retried by another worker.
 */
const LOCK_MS = 5_000;
const STALLED_CHECK_MS = 2_500;
const CONCURRENCY = 4;
const SCHEDULE_RETRY_MS = 2_000;

export class BullMqJobQueue
  extends JobQueue
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  readonly kind = 'redis' as const;
  private readonly logger = new Logger(BullMqJobQueue.name);
  private readonly handlers = new Map<string, JobHandler>();
  private readonly queue: Queue;
  private worker?: Worker;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly config: Pick<AppConfig, 'runsBackgroundJobs'>,
    retries: { attempts: number; backoffMs: number } = { attempts: JOB_ATTEMPTS, backoffMs: JOB_BACKOFF_MS },
    private readonly metrics?: Metrics,
  ) {
    super();
    this.queue = new Queue(JOB_QUEUE_NAME, {
      // BullMQ needs its offline queue at start-up; `enqueue` fails fast on its own while Redis is down.
      connection: { url: redis.url, maxRetriesPerRequest: 1 },
      prefix: JOB_KEY_PREFIX,
      defaultJobOptions: {
        attempts: retries.attempts,
        backoff: { type: 'exponential', delay: retries.backoffMs },
        // Finished jobs are kept a day: their ids are what makes an idempotency key work.
        removeOnComplete: { age: DAY_S },
        removeOnFail: false,
      },
    });
    this.queue.on('error', () => undefined); // reconnects on its own; readiness reports the outage
    metrics?.registerQueue(JOB_QUEUE_NAME, async () => {
      const [lag, delayed] = [await this.lag(), await this.queue.getDelayedCount()];
      return {
        waiting: lag.waiting - delayed,
        active: lag.active,
        delayed,
        failed: lag.deadLettered,
        oldestWaitingSeconds: lag.oldestWaitingSeconds,
      };
    });
  }

  define(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async enqueue(name: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    // A job added after a timeout still lands once Redis is back; its id keeps the retry from doubling it.
    if (!this.redis.isConnected) throw new JobQueueUnavailableError(new Error('redis is not connected'));
    try {
      await withTimeout(
        // The request id travels with the job, so the job's logs join the request that caused it.
        this.queue.add(name, { payload, requestId: currentRequestId() } satisfies JobData, {
          jobId: options.idempotencyKey?.replaceAll(':', '_'),
        }),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch (error) {
      throw new JobQueueUnavailableError(error);
    }
  }

  schedule(name: string, intervalMs: number, task: () => Promise<unknown>): () => void {
    const jobName = PERIODIC_JOB_PREFIX + name;
    this.define(jobName, async () => void (await task()));
    const upsert = () =>
      this.queue
        .upsertJobScheduler(
          name,
          { every: intervalMs },
          { name: jobName, opts: { attempts: 1, removeOnComplete: { age: DAY_S }, removeOnFail: { age: DAY_S } } },
        )
        .catch(() => {
          // Redis is down at start-up: try again until it is back.
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            void upsert();
          }, SCHEDULE_RETRY_MS);
          timer.unref();
          this.timers.add(timer);
        });
    void upsert();
    // The schedule is shared: stopping this process leaves it to the others.
    return () => this.handlers.delete(jobName);
  }

  async lag(): Promise<QueueLag> {
    if (!this.redis.isConnected) throw new JobQueueUnavailableError(new Error('redis is not connected'));
    const [counts, [oldest]] = await Promise.all([
      this.queue.getJobCounts('wait', 'prioritized', 'delayed', 'active', 'failed'),
      this.queue.getJobs(['wait'], 0, 0, true),
    ]);
    return {
      waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0),
      active: counts.active ?? 0,
      deadLettered: counts.failed ?? 0,
      oldestWaitingSeconds: oldest ? Math.max(0, Math.round((Date.now() - oldest.timestamp) / 1000)) : null,
    };
  }

  isHealthy(): Promise<boolean> {
    return this.redis.ping();
  }

  onApplicationBootstrap(): void {
    if (!this.config.runsBackgroundJobs) return;
    this.worker = new Worker(JOB_QUEUE_NAME, (job) => this.process(job), {
      connection: { url: this.redis.url, maxRetriesPerRequest: null },
      prefix: JOB_KEY_PREFIX,
      concurrency: CONCURRENCY,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      // A job whose worker keeps dying is still retried: its handler is idempotent.
      maxStalledCount: JOB_ATTEMPTS,
      autorun: false,
    });
    this.worker.on('error', () => undefined);
    this.worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1) && !job.name.startsWith(PERIODIC_JOB_PREFIX)) {
        this.logger.error({ err: error, job: job.name, jobId: job.id }, 'job dead-lettered');
      }
    });
    // Every lib defines its handlers during bootstrap; start taking jobs once they all have.
    const worker = this.worker;
    setImmediate(
      () => void worker.run().catch((error: unknown) => this.logger.error({ err: error }, 'worker stopped')),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    // Lets running jobs finish; their locks would otherwise make them wait for the stalled check.
    await this.worker?.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }

  private async process(job: Job<Partial<JobData>>): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job ${job.name} in this process`);
    await runObservedJob(
      this.metrics,
      { queue: job.name, requestId: job.data.requestId, attributes: { 'helpboard.job_id': job.id ?? '' } },
      () => handler(job.data.payload ?? {}),
    );
  }
}

/** What a job stores: its payload and the id of the request that enqueued it (periodic jobs: neither). */
interface JobData {
  payload: Record<string, unknown>;
  requestId?: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);
}
