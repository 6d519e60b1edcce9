// GET /metrics on the public port, for Prometheus (see metrics-access.ts for who may read it).
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig, Public } from '@helpboard/core';
import { Metrics } from '@helpboard/observability';
import { metricsAccess } from './metrics-access.js';

@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('metrics')
  async scrape(@Req() request: Request, @Res() response: Response): Promise<void> {
    const status = metricsAccess(this.config, request, 'public');
    if (status !== 200) {
      response
        .status(status)
        .type('text/plain')
        .send(status === 401 ? 'Unauthorized' : 'Not Found');
      return;
    }
    response
      .status(200)
      .type(this.metrics.contentType)
      .send(await this.metrics.render());
  }
}
