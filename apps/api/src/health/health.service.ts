import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@helpboard/core';
import { DatabaseHealth } from '@helpboard/database';
import { DependencyStatus, Health, ServiceStatus } from './health.model.js';

@Injectable()
export class HealthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseHealth,
  ) {}

  async check(): Promise<Health> {
    const database = await this.database.check();
    return {
      status: database.isUp ? ServiceStatus.Ok : ServiceStatus.Degraded,
      version: this.config.version,
      database: database.isUp ? DependencyStatus.Up : DependencyStatus.Down,
      databaseKind: database.kind,
    };
  }
}
