import { Module } from '@nestjs/common';
import { SearchModule } from '@helpboard/search';
import { HealthController } from './health.controller.js';
import { HealthResolver } from './health.resolver.js';
import { HealthService } from './health.service.js';
import { ReadinessService } from './readiness.service.js';

@Module({
  imports: [SearchModule],
  controllers: [HealthController],
  providers: [HealthService, HealthResolver, ReadinessService],
})
export class HealthModule {}
