// Probes for orchestrators: liveness says the process serves HTTP at all; readiness says it can
// do useful work (the database answers), so a load balancer stops routing to it otherwise.
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@helpboard/core';
import { DependencyStatus } from './health.model.js';
import { HealthService } from './health.service.js';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get('healthz')
  @HttpCode(200)
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('readyz')
  async readiness(@Res({ passthrough: true }) response: Response) {
    const health = await this.health.check();
    // Without the database nothing works; without search, reads and writes still do (the outbox
    // keeps indexing work until it is back), so the instance stays in rotation, marked degraded.
    const isReady = health.database === DependencyStatus.UP;
    const isSearchUp = health.search === DependencyStatus.UP;
    response.status(isReady ? 200 : 503);
    return {
      status: isReady ? (isSearchUp ? 'ready' : 'degraded') : 'unavailable',
      checks: { database: isReady ? 'up' : 'down', search: isSearchUp ? 'up' : 'down' },
    };
  }
}
