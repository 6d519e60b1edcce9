// A provider that runs `run()` every `intervalMs` while the application is up, in processes that
// run background jobs (not one-shot CLI commands), and stops before shutdown.
import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { runPeriodically } from './run-periodically.js';

export abstract class PeriodicJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stop?: () => void;

  protected constructor(
    private readonly jobConfig: AppConfig,
    private readonly intervalMs: number,
  ) {}

  /** One pass; must be safe to run concurrently and repeatedly. */
  abstract run(): Promise<unknown>;

  onApplicationBootstrap(): void {
    if (!this.jobConfig.runsBackgroundJobs) return;
    const logger = new Logger(this.constructor.name);
    this.stop = runPeriodically(
      this.intervalMs,
      () => this.run(),
      (error) => logger.error({ err: error }, 'periodic job failed'),
    );
  }

  beforeApplicationShutdown(): void {
    this.stop?.();
  }
}
