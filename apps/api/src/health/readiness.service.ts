// What /readyz reports: each dependency, and how far background work lags. Only the database is
// required; without search or Redis the API still reads and commits writes (the outbox keeps
// their side effects until the dependency is back), so it stays in rotation, marked degraded.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, JobQueue, type QueueLag } from '@helpboard/core';
import { DatabaseHealth, OutboxRelay } from '@helpboard/database';
import { SearchPort } from '@helpboard/search';

type Check = 'up' | 'down';

export interface Readiness {
  status: 'ready' | 'degraded' | 'unavailable';
  checks: { database: Check; search: Check; redis: Check | 'not-configured' };
  /** Null when it cannot be read (Redis down). */
  queue: (QueueLag & { kind: JobQueue['kind'] }) | null;
  /** Committed changes whose side effects are not handed to the queue yet (null: database down). */
  outboxPending: number | null;
}

const LAG_TIMEOUT_MS = 1_000;

@Injectable()
export class ReadinessService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseHealth,
    private readonly search: SearchPort,
    private readonly jobs: JobQueue,
    private readonly outbox: OutboxRelay,
  ) {}

  async check(): Promise<Readiness> {
    const [database, isSearchUp, isQueueUp] = await Promise.all([
      this.database.check(0),
      this.search.isHealthy().catch(() => false),
      this.jobs.isHealthy(),
    ]);
    const [lag, outboxPending] = await Promise.all([
      isQueueUp ? within(this.jobs.lag(), LAG_TIMEOUT_MS) : null,
      database.isUp
        ? within(
            this.outbox.overallLag().then((lag) => lag.pending),
            LAG_TIMEOUT_MS,
          )
        : null,
    ]);
    const up = (isUp: boolean): Check => (isUp ? 'up' : 'down');
    const isDegraded = !isSearchUp || !isQueueUp;
    return {
      status: !database.isUp ? 'unavailable' : isDegraded ? 'degraded' : 'ready',
      checks: {
        database: up(database.isUp),
        search: up(isSearchUp),
        redis: this.config.redisUrl ? up(isQueueUp) : 'not-configured',
      },
      queue: lag ? { kind: this.jobs.kind, ...lag } : null,
      outboxPending,
    };
  }
}

/** The answer, or null when it fails or takes too long (a probe must answer quickly). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([
    promise.catch(() => null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref()),
  ]);
}
