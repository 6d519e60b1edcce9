import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '@helpboard/core';
import { Health } from './health.model.js';
import { HealthService } from './health.service.js';

@Resolver(() => Health)
export class HealthResolver {
  constructor(private readonly healthService: HealthService) {}

  @Public()
  @Query(() => Health, { description: 'Whether the API and its database are working.' })
  health(): Promise<Health> {
    return this.healthService.check();
  }
}
