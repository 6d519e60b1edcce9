import { Global, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '@helpboard/core';
import { OutboxRelay, UnitOfWork } from '@helpboard/database';
import { DbCommandMonitor } from './database/db-command-monitor.js';
import { Metrics } from './metrics/metrics.js';

/**
 * Outbox lag is read from the database at scrape time, so it is right whichever instance relays;
 * the job queue's depth and lag come from its adapter (in-process, or BullMQ on Redis).
 */
@Injectable()
class LagGauges implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly outbox: OutboxRelay,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.metrics.registerQueue(this.jobs.kind === 'redis' ? 'jobs' : 'jobs-in-process', async () => {
      const lag = await this.jobs.lag();
      // The port counts delayed retries among the waiting jobs.
      return {
        waiting: lag.waiting,
        active: lag.active,
        delayed: 0,
        failed: lag.deadLettered,
        oldestWaitingSeconds: lag.oldestWaitingSeconds,
      };
    });
    this.metrics.registerGauge(
      'helpboard_outbox_pending_messages',
      'Outbox messages written but not yet delivered (dead letters excluded)',
      async () => (await this.outbox.overallLag()).pending,
    );
    this.metrics.registerGauge(
      'helpboard_outbox_lag_seconds',
      'Age of the oldest undelivered outbox message (0 when none waits)',
      async () => (await this.outbox.overallLag()).oldestPendingSeconds,
    );
  }
}

/** Counts the write transactions that had to run again, by reason. */
@Injectable()
class TransactionRetryCounter implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.unitOfWork.onRetry((reason) => this.metrics.transactionRetries.inc({ reason }));
  }
}

/** Metrics, database command monitoring and outbox lag for the API and worker processes alike. */
@Global()
@Module({ providers: [Metrics, DbCommandMonitor, LagGauges, TransactionRetryCounter], exports: [Metrics] })
export class ObservabilityModule {}
