// With REDIS_URL, these replace CoreModule's in-process adapters (same ports, other storage):
// subscriptions, rate-limit counters and the job queue on Redis, and public query cache
// invalidations broadcast to every instance.
import type { Provider } from '@nestjs/common';
import { PubSubEngine } from 'graphql-subscriptions';
import { APP_CONFIG, type AppConfig, JobQueue, PublicQueryCache, RateLimitStore } from '@helpboard/core';
import { Metrics } from '@helpboard/observability';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { RedisCacheInvalidation } from './redis-cache-invalidation.js';
import { RedisConnection } from './redis-connection.js';
import { RedisPubSub } from './redis-pubsub.js';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';

export function redisAdapters(redisUrl: string | undefined): Provider[] {
  if (!redisUrl) return [];
  return [
    { provide: RedisConnection, useFactory: () => new RedisConnection(redisUrl) },
    {
      provide: PubSubEngine,
      useFactory: (redis: RedisConnection) => new RedisPubSub(redis),
      inject: [RedisConnection],
    },
    {
      provide: RateLimitStore,
      useFactory: (redis: RedisConnection) => new RedisRateLimitStore(redis),
      inject: [RedisConnection],
    },
    {
      provide: JobQueue,
      useFactory: (redis: RedisConnection, config: AppConfig, metrics?: Metrics) =>
        new BullMqJobQueue(redis, config, undefined, metrics),
      inject: [RedisConnection, APP_CONFIG, { token: Metrics, optional: true }],
    },
    {
      provide: RedisCacheInvalidation,
      useFactory: (redis: RedisConnection, cache: PublicQueryCache) => new RedisCacheInvalidation(redis, cache),
      inject: [RedisConnection, PublicQueryCache],
    },
  ];
}
