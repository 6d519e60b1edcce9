// A background job that runs `run()` on a fixed interval while the process runs background jobs
// (not in CLI commands), once per interval across every instance (the job port schedules it by
// the class's name), and stops before shutdown. Tests call `run()` directly after moving the clock.
import { type BeforeApplicationShutdown, Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { JobQueue } from './job-queue.js';

export abstract class PeriodicJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  // A property, so that subclasses' constructors stay as they are.
  @Inject(JobQueue) private readonly jobs!: JobQueue;
  private stop?: () => void;

  protected constructor(
    private readonly jobConfig: AppConfig,
    private readonly intervalMs: number,
  ) {}

  abstract run(): Promise<number>;

  onApplicationBootstrap(): void {
    if (!this.jobConfig.runsBackgroundJobs) return;
    this.stop = this.jobs.schedule(this.constructor.name, this.intervalMs, () => this.run());
  }

  beforeApplicationShutdown(): void {
    this.stop?.();
  }
}
