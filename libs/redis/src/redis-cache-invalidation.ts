// Tells the other API instances what changed, so their public query caches drop the responses
// showing it as this instance's does. Lost messages (Redis down) are bounded by the cache's TTL.
import { type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PublicQueryCache } from '@helpboard/core';
import type { RedisConnection } from './redis-connection.js';

const CHANNEL = 'helpboard:cache-invalidation';

export class RedisCacheInvalidation implements OnModuleInit {
  /** Ignores this instance's own broadcasts (it has dropped its copies already). */
  private readonly origin = randomUUID();

  constructor(
    private readonly redis: RedisConnection,
    private readonly cache: PublicQueryCache,
  ) {}

  async onModuleInit(): Promise<void> {
    this.redis.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== CHANNEL) return;
      const { origin, tag } = JSON.parse(message) as { origin: string; tag: string };
      if (origin !== this.origin) this.cache.invalidateLocally(tag);
    });
    this.cache.onInvalidate((tag) => {
      this.redis.client.publish(CHANNEL, JSON.stringify({ origin: this.origin, tag })).catch(() => undefined);
    });
    await this.redis.subscribeSoon(CHANNEL);
  }
}
