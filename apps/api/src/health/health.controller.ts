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
    const isReady = health.database === DependencyStatus.UP;
    response.status(isReady ? 200 : 503);
    return { status: isReady ? 'ready' : 'unavailable', checks: { database: isReady ? 'up' : 'down' } };
  }
}
