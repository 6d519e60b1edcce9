// Runs the early-warning detector every 5 minutes on the injected clock (tests call `run`).
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, PeriodicJob } from '@helpboard/core';
import { EarlyWarningDetector } from './early-warning.detector.js';

@Injectable()
export class EarlyWarningJob extends PeriodicJob {
  constructor(
    private readonly detector: EarlyWarningDetector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config, 5 * 60_000);
  }

  /** Returns how many new alerts were raised. */
  run(): Promise<number> {
    return this.detector.detect();
  }
}
