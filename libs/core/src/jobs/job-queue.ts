// The port every lib's background work goes through. Two adapters implement it: in-process (the
// default, `InProcessJobQueue`) and BullMQ on Redis when REDIS_URL is set (libs/redis). Callers
// never know which one runs: they define a job's handler by name in every process, enqueue work
// with an idempotency key, and schedule periodic work by name.

export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

export interface EnqueueOptions {
  /**
   * Work enqueued twice with the same key runs once (while the queue remembers the key: a day on
   * Redis). Handlers must still be idempotent: a crashed worker's job runs again.
   */
  idempotencyKey?: string;
}

export interface QueueLag {
  /** Waiting to run, including delayed ones (retries in their backoff, the next periodic runs). */
  waiting: number;
  active: number;
  /** Failed every attempt: kept for an operator to inspect and replay. */
  deadLettered: number;
  /** Age of the oldest waiting job, or null when none waits. */
  oldestWaitingSeconds: number | null;
}

/** Thrown by `enqueue` when the queue cannot take work right now (Redis down): the caller keeps it. */
export class JobQueueUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`job queue unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'JobQueueUnavailableError';
  }
}

/** Attempts before a job is dead-lettered, and the first retry's delay (doubling after). */
export const JOB_ATTEMPTS = 8;
export const JOB_BACKOFF_MS = 1_000;

export abstract class JobQueue {
  /** Which adapter runs: readiness reports it. */
  abstract readonly kind: 'in-process' | 'redis';

  /** Registers the handler of `name`. Every process that may run jobs defines the same names. */
  abstract define(name: string, handler: JobHandler): void;

  /**
   * Resolves once the job is accepted: stored in Redis, or (in-process) run to completion — there
   * the caller's own storage (the outbox) is what retries it. Rejects with
   * `JobQueueUnavailableError` when the queue cannot take it; the caller keeps the work.
   */
  abstract enqueue(name: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<void>;

  /**
   * Runs `task` every `intervalMs` while this process runs background jobs — once per interval
   * across every process that schedules the same `name`. Returns the function that stops it here.
   */
  abstract schedule(name: string, intervalMs: number, task: () => Promise<unknown>): () => void;

  abstract lag(): Promise<QueueLag>;

  /** Whether the queue's storage answers (in-process: always). */
  abstract isHealthy(): Promise<boolean>;
}
