// A background job that runs `run()` on a fixed interval while the process serves (not in CLI
// commands), and stops before shutdown. Tests call `run()` directly after moving the clock.
import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { runPeriodically } from './run-periodically.js';

export abstract class PeriodicJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private stop?: () => void;

  protected constructor(
    private readonly jobConfig: AppConfig,
    private readonly intervalMs: number,
  ) {}

  abstract run(): Promise<number>;

  onApplicationBootstrap(): void {
    if (!this.jobConfig.runsBackgroundJobs) return;
    this.stop = runPeriodically(
      this.intervalMs,
      () => this.run(),
      (error) => this.logger.error({ err: error }, `${this.constructor.name} failed`),
    );
  }

  beforeApplicationShutdown(): void {
    this.stop?.();
  }
}
