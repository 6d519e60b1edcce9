// Probes for orchestrators: liveness says the process serves HTTP at all; readiness says it can
// do useful work (the database answers), so a load balancer stops routing to it otherwise.
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@helpboard/core';
import { ReadinessService } from './readiness.service.js';

@Controller()
export class HealthController {
  constructor(private readonly ready: ReadinessService) {}

  @Public()
  @Get('healthz')
  @HttpCode(200)
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('readyz')
  async readiness(@Res({ passthrough: true }) response: Response) {
    // Without the database nothing works; degraded (search or Redis down) still serves.
    const readiness = await this.ready.check();
    response.status(readiness.status === 'unavailable' ? 503 : 200);
    return readiness;
  }
}
