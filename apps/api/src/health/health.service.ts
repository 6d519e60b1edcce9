import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@helpboard/core';
import { DatabaseHealth } from '@helpboard/database';
import { SearchPort } from '@helpboard/search';
import { DependencyStatus, Health, ServiceStatus } from './health.model.js';

@Injectable()
export class HealthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseHealth,
    private readonly search: SearchPort,
  ) {}

  /** `maxAgeMs`: how stale the database answer may be (0 = ask it now). */
  async check(maxAgeMs = 0): Promise<Health> {
    const [database, isSearchUp] = await Promise.all([
      this.database.check(maxAgeMs),
      this.search.isHealthy().catch(() => false),
    ]);
    return {
      status: database.isUp && isSearchUp ? ServiceStatus.OK : ServiceStatus.DEGRADED,
      search: isSearchUp ? DependencyStatus.UP : DependencyStatus.DOWN,
      version: this.config.version,
      database: database.isUp ? DependencyStatus.UP : DependencyStatus.DOWN,
      databaseKind: database.kind,
    };
  }
}
