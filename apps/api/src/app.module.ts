import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { type AppConfig, Clock, ConfigModule, CoreModule, PublicQueryCache, RateLimitStore } from '@helpboard/core';
import { DatabaseModule } from '@helpboard/database';
import { AccessGuard, IdentityModule } from '@helpboard/identity';
import { BoardsModule } from '@helpboard/boards';
import { ThreadsModule } from '@helpboard/threads';
import { ReputationModule } from '@helpboard/reputation';
import { SearchModule } from '@helpboard/search';
import { ModerationModule } from '@helpboard/moderation';
import { ReferralsModule } from '@helpboard/referrals';
import { NotificationsModule } from '@helpboard/notifications';
import { InsightsModule } from '@helpboard/insights';
import { WebModule } from '../../web/src/web.module.js';
import { redisAdapters } from '@helpboard/redis';
import { Metrics, ObservabilityModule } from '@helpboard/observability';
import { ApiExceptionFilter } from './errors/api-exception.filter.js';
import { createValidationPipe } from './errors/validation.pipe.js';
import { graphqlOptions } from './graphql/graphql-options.js';
import { GraphQLRouteFirst } from './graphql/graphql-route-first.js';
import { HealthModule } from './health/health.module.js';
import { MetricsController } from './observability/metrics.controller.js';
import { GraphiqlAssetsController } from './graphql/graphiql/graphiql-assets.controller.js';

export interface AppModuleOptions {
  /** Tests pass a ManualClock to move time. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CoreModule.forRoot({ clock: options.clock, adapters: redisAdapters(config.redisUrl) }),
        DatabaseModule,
        ObservabilityModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          useFactory: (cache: PublicQueryCache, metrics: Metrics, rateLimits: RateLimitStore, clock: Clock) =>
            graphqlOptions(config, { cache, metrics, rateLimits, clock }),
          inject: [PublicQueryCache, Metrics, RateLimitStore, Clock],
        }),
        HealthModule,
        IdentityModule,
        BoardsModule,
        ThreadsModule,
        ReputationModule,
        SearchModule,
        ModerationModule,
        ReferralsModule,
        NotificationsModule,
        InsightsModule,
        // The server-rendered site, served by the same process (apps/web).
        WebModule,
      ],
      controllers: [MetricsController, GraphiqlAssetsController],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        // Deny by default: every resolver and route must declare who may call it.
        { provide: APP_GUARD, useExisting: AccessGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        GraphQLRouteFirst,
      ],
    };
  }
}
