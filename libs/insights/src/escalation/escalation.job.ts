// Runs the escalation ladder every minute on the injected clock (tests call `run` after moving it).
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig, runPeriodically } from '@helpboard/core';
import { EscalationService } from './escalation.service.js';

const EVERY_MS = 60_000;

@Injectable()
export class EscalationJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EscalationJob.name);
  private stop?: () => void;

  constructor(
    private readonly escalation: EscalationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsBackgroundJobs) return;
    this.stop = runPeriodically(
      EVERY_MS,
      () => this.run(),
      (error) => this.logger.error({ err: error }, 'escalation job failed'),
    );
  }

  beforeApplicationShutdown(): void {
    this.stop?.();
  }

  /** Takes every step that is due; returns how many. */
  run(): Promise<number> {
    return this.escalation.climb();
  }
}
