import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@helpboard/core';
import { DatabaseHealth } from '@helpboard/database';
import { DependencyStatus, Health, ServiceStatus } from './health.model.js';

@Injectable()
export class HealthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseHealth,
  ) {}

  /** `maxAgeMs`: how stale the database answer may be (0 = ask it now). */
  async check(maxAgeMs = 0): Promise<Health> {
    const database = await this.database.check(maxAgeMs);
    return {
      status: database.isUp ? ServiceStatus.OK : ServiceStatus.DEGRADED,
      version: this.config.version,
      database: database.isUp ? DependencyStatus.UP : DependencyStatus.DOWN,
      databaseKind: database.kind,
    };
  }
}
