// The process's Prometheus metrics: one registry per application (tests run several apps in one
// process), rendered by GET /metrics. Labels come from the schema and our error codes, never from
// client-chosen strings, so the number of series stays bounded.
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a queue reports when scraped; the runtime's queue adapter supplies one per queue. */
export interface QueueSnapshot {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** Age of the oldest job still waiting, or null when none is. */
  oldestWaitingSeconds: number | null;
}
export type QueueProbe = () => Promise<QueueSnapshot>;

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const ROUND_TRIP_BUCKETS = [0, 1, 2, 4, 8, 12, 16, 24, 32, 64, 128];

@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly queues = new Map<string, QueueProbe>();

  readonly graphqlDuration = new Histogram({
    name: 'helpboard_graphql_operation_duration_seconds',
    help: 'GraphQL operations by root field, type and transport, from request start to response',
    labelNames: ['operation', 'type', 'transport'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'helpboard_graphql_errors_total',
    help: 'Errors in GraphQL responses by extensions.code (BAD_USER_INPUT, FORBIDDEN, …)',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  readonly dbCommandsPerRequest = new Histogram({
    name: 'helpboard_db_round_trips_per_request',
    help: 'Database commands sent while serving one GraphQL operation',
    labelNames: ['operation'] as const,
    buckets: ROUND_TRIP_BUCKETS,
    registers: [this.registry],
  });

  readonly dbCommands = new Counter({
    name: 'helpboard_db_commands_total',
    help: 'Database commands by command name and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly transactionRetries = new Counter({
    name: 'helpboard_transaction_retries_total',
    help: 'Write transactions run again: transient (a write conflict or failover, retried by the driver) or duplicate_key (lost a unique-key race, rerun to read the winner)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'helpboard_job_duration_seconds',
    help: 'Background jobs by queue and outcome (ok, failed)',
    labelNames: ['queue', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'helpboard_' });
    const queues = this.queues;
    new Gauge({
      name: 'helpboard_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [queue, snapshot] of await snapshots(queues)) {
          for (const state of ['waiting', 'active', 'delayed', 'failed'] as const)
            this.set({ queue, state }, snapshot[state]);
        }
      },
    });
    new Gauge({
      name: 'helpboard_queue_lag_seconds',
      help: 'Age of the oldest waiting job per queue (0 when none waits)',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [queue, snapshot] of await snapshots(queues))
          this.set({ queue }, snapshot.oldestWaitingSeconds ?? 0);
      },
    });
  }

  /** A queue adapter calls this once per queue; the probe runs on every scrape. */
  registerQueue(name: string, probe: QueueProbe): void {
    this.queues.set(name, probe);
  }

  /** A gauge computed at scrape time (e.g. outbox lag read from the database). */
  registerGauge(name: string, help: string, read: () => Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** A probe that fails (Redis down) drops its queue from this scrape instead of failing /metrics. */
async function snapshots(queues: Map<string, QueueProbe>): Promise<[string, QueueSnapshot][]> {
  const settled = await Promise.allSettled([...queues].map(async ([name, probe]) => [name, await probe()] as const));
  return settled.flatMap((result) =>
    result.status === 'fulfilled' ? [[...result.value] as [string, QueueSnapshot]] : [],
  );
}
