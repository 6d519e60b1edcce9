import { Global, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@helpboard/database';
import { DbCommandMonitor } from './database/db-command-monitor.js';
import { Metrics } from './metrics/metrics.js';

/** Outbox lag is read from the database at scrape time, so it is right whichever instance relays. */
@Injectable()
class OutboxLagGauges implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly outbox: OutboxRelay,
  ) {}

  onModuleInit(): void {
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

/** Metrics, database command monitoring and outbox lag for the API and worker processes alike. */
@Global()
@Module({ providers: [Metrics, DbCommandMonitor, OutboxLagGauges], exports: [Metrics] })
export class ObservabilityModule {}
