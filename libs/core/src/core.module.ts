import { type DynamicModule, Global, Module } from '@nestjs/common';
import { PubSub, PubSubEngine } from 'graphql-subscriptions';
import { PublicQueryCache } from './cache/public-query-cache.js';
import { Clock, SystemClock } from './clock/clock.js';
import { DomainEventBus } from './events/domain-event-bus.js';
import { InMemoryRateLimitStore, RateLimitStore } from './rate-limit/rate-limit-store.js';

/** Process-wide building blocks every lib may inject: clock, event bus, public query cache, rate-limit counters, pub/sub. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        DomainEventBus,
        PublicQueryCache,
        { provide: RateLimitStore, useClass: InMemoryRateLimitStore },
        // Subscriptions fan out in-process; with REDIS_URL a Redis-backed engine replaces it.
        { provide: PubSubEngine, useValue: new PubSub() },
      ],
      exports: [Clock, DomainEventBus, PublicQueryCache, RateLimitStore, PubSubEngine],
    };
  }
}
