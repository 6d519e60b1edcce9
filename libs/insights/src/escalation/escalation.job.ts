// Runs the escalation ladder every minute on the injected clock (tests call `run` after moving it).
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, PeriodicJob } from '@helpboard/core';
import { EscalationService } from './escalation.service.js';

@Injectable()
export class EscalationJob extends PeriodicJob {
  constructor(
    private readonly escalation: EscalationService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config, 60_000);
  }

  /** Takes every step that is due; returns how many. */
  run(): Promise<number> {
    return this.escalation.climb();
  }
}
