// Delivers outbox messages to the handlers registered for their topic, at least once, in order
// of creation; handlers must be idempotent. Each message becomes one job on the job port (named
// `outbox.<topic>`, keyed by the message id): in-process the job runs inline and failures are
// retried here with exponential backoff and dead-lettered after MAX_ATTEMPTS; with Redis the
// message is done once the queue holds the job, and BullMQ retries it. While the queue is
// unreachable messages stay here, their attempts not counted, until it is back.
//
// Topics registered inline (after-commit jobs: short transactions on shared counters) are
// applied here by the relay itself, with the same retries: they need no queue, so they neither
// wait for Redis nor take the job workers' few slots from the jobs people wait for (e-mails).
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock, JobQueue, JobQueueUnavailableError } from '@helpboard/core';
import { OutboxRepository } from './outbox.repository.js';

export type OutboxHandler = (payload: Record<string, unknown>) => Promise<void>;

const LEASE_MS = 30_000;
const MAX_ATTEMPTS = 8;
const POLL_INTERVAL_MS = 1_000;

@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly handlers = new Map<string, OutboxHandler[]>();
  private readonly inlineHandlers = new Map<string, OutboxHandler>();
  private timer?: NodeJS.Timeout;
  private draining?: Promise<number>;
  private isNudgedWhileDraining = false;
  private stopped = false;
  /** Logs an outage of the job queue once, not on every poll. */
  private isQueueDown = false;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  register(topic: string, handler: OutboxHandler): void {
    if (!this.handlers.has(topic)) {
      this.jobs.define(outboxJobName(topic), async (payload) => {
        for (const each of this.handlers.get(topic) ?? []) await each(payload);
      });
    }
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  /** The relay applies `topic`'s messages itself (see the top of this file). */
  registerInline(topic: string, handler: OutboxHandler): void {
    this.inlineHandlers.set(topic, handler);
  }

  onApplicationBootstrap(): void {
    if (!this.config.runsBackgroundJobs) {
      this.stopped = true;
      return;
    }
    this.timer = setInterval(() => void this.nudge(), POLL_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
  }

  /** How far delivery of a topic lags: waiting messages, the oldest one's age, dead letters. */
  async lag(topic: string): Promise<{ pending: number; oldestPendingSeconds: number | null; deadLettered: number }> {
    const { pending, oldest, deadLettered } = await this.repository.lag(topic);
    const now = this.clock.now().getTime();
    return { pending, oldestPendingSeconds: oldest ? Math.round((now - oldest.getTime()) / 1000) : null, deadLettered };
  }

  /** Metrics: undelivered messages of every topic, and the age of the oldest (0 when none waits). */
  async overallLag(): Promise<{ pending: number; oldestPendingSeconds: number }> {
    const [pending, oldest] = await Promise.all([this.repository.countPending(), this.repository.oldestPendingAt()]);
    const ageMs = oldest ? this.clock.now().getTime() - oldest.getTime() : 0;
    return { pending, oldestPendingSeconds: Math.max(0, ageMs / 1000) };
  }

  /**
   * Starts a drain unless one is running; called after commits that wrote to the outbox. A nudge
   * during a drain makes it look once more when done: the running drain may already have found
   * nothing due just before the nudging commit, and its message would wait for the next poll.
   */
  nudge(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    if (this.draining) {
      this.isNudgedWhileDraining = true;
      return this.draining;
    }
    this.draining = (async () => {
      let delivered = 0;
      do {
        this.isNudgedWhileDraining = false;
        delivered += await this.drain();
      } while (this.isNudgedWhileDraining && !this.stopped);
      return delivered;
    })()
      .catch((error: unknown) => {
        // The database may be briefly unreachable; the next poll tries again.
        this.logger.warn({ err: error }, 'outbox drain failed');
        return 0;
      })
      .finally(() => (this.draining = undefined));
    return this.draining;
  }

  /** Processes every due message; returns how many were delivered. */
  async drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const now = this.clock.now();
      const message = await this.repository.claimNext(now, LEASE_MS);
      if (!message) return delivered;
      try {
        const inline = this.inlineHandlers.get(message.topic);
        if (inline) {
          await inline(message.payload);
        } else if (this.handlers.has(message.topic)) {
          await this.jobs.enqueue(outboxJobName(message.topic), message.payload, {
            idempotencyKey: `outbox-${String(message._id)}`,
          });
        }
        await this.repository.markProcessed(message._id, this.clock.now());
        this.isQueueDown = false;
        delivered++;
      } catch (error) {
        if (error instanceof JobQueueUnavailableError) {
          // Not the message's fault: hand it back untouched and stop until the next poll.
          if (!this.isQueueDown) this.logger.warn({ err: error }, 'job queue unavailable: outbox delivery paused');
          this.isQueueDown = true;
          await this.repository.release(message._id);
          return delivered;
        }
        const reason = error instanceof Error ? error.message : String(error);
        if (message.attempts >= MAX_ATTEMPTS) {
          this.logger.error({ err: error, topic: message.topic }, 'outbox message dead-lettered');
          await this.repository.deadLetter(message._id, this.clock.now(), reason);
        } else {
          const backoffMs = 1_000 * 2 ** (message.attempts - 1);
          await this.repository.scheduleRetry(message._id, new Date(now.getTime() + backoffMs), reason);
        }
      }
    }
  }
}

/** The job that runs an outbox topic's handlers. */
export const outboxJobName = (topic: string) => `outbox.${topic}`;
