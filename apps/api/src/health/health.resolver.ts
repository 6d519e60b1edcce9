import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '@helpboard/core';
import { Health } from './health.model.js';
import { HealthService } from './health.service.js';

/** Monitoring may poll `health` often; the probes (/readyz) always ask the database afresh. */
const HEALTH_QUERY_MAX_AGE_MS = 1_000;

@Resolver(() => Health)
export class HealthResolver {
  constructor(private readonly healthService: HealthService) {}

  @Public()
  @Query(() => Health, {
    description: 'Whether the API and its database are working (the database answer is at most a second old).',
  })
  health(): Promise<Health> {
    return this.healthService.check(HEALTH_QUERY_MAX_AGE_MS);
  }
}
