import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { PubSub, PubSubEngine } from 'graphql-subscriptions';
import { PublicQueryCache } from './cache/public-query-cache.js';
import { Clock, SystemClock } from './clock/clock.js';
import { DomainEventBus } from './events/domain-event-bus.js';
import { InProcessJobQueue } from './jobs/in-process-job-queue.js';
import { JobQueue } from './jobs/job-queue.js';
import { InMemoryRateLimitStore, RateLimitStore } from './rate-limit/rate-limit-store.js';

/**
 * Process-wide building blocks every lib may inject: clock, event bus, public query cache,
 * rate-limit counters, pub/sub, the job queue. `adapters` replace the in-process ones (with
 * REDIS_URL: libs/redis's `redisAdapters()`), so every lib keeps injecting the same ports.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: { clock?: Clock; adapters?: Provider[] } = {}): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        DomainEventBus,
        PublicQueryCache,
        { provide: RateLimitStore, useClass: InMemoryRateLimitStore },
        // Subscriptions fan out in-process; with REDIS_URL a Redis-backed engine replaces it.
        { provide: PubSubEngine, useValue: new PubSub() },
        { provide: JobQueue, useClass: InProcessJobQueue },
        // Later providers of a token win, so these replace the defaults above.
        ...(options.adapters ?? []),
      ],
      exports: [Clock, DomainEventBus, PublicQueryCache, RateLimitStore, PubSubEngine, JobQueue],
    };
  }
}
