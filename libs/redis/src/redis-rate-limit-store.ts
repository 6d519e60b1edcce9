// Rate-limit and login-throttling counters shared by every instance. Fixed windows: the first hit
// of a window creates the counter with the window's length as its lifetime. While Redis is
// unreachable each instance counts on its own (in memory), so limits still hold per instance
// and nothing fails.
import { Logger } from '@nestjs/common';
import { InMemoryRateLimitStore, type RateCounter, RateLimitStore } from '@helpboard/core';
import type { RedisConnection } from './redis-connection.js';

const PREFIX = 'helpboard:rate:';
const BLOCK_PREFIX = 'helpboard:block:';

// INCR, and start the window on the first hit; answers the count and the window's remaining ms.
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { n, redis.call('PTTL', KEYS[1]) }`;

// Extends a block, never shortens it: the value is the end (epoch ms), kept until then.
const BLOCK = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local untilMs = tonumber(ARGV[1])
if untilMs > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

export class RedisRateLimitStore extends RateLimitStore {
  private readonly logger = new Logger(RedisRateLimitStore.name);
  private readonly local = new InMemoryRateLimitStore();
  private isDegraded = false;

  constructor(private readonly redis: RedisConnection) {
    super();
  }

  hit(key: string, windowMs: number, now: Date): Promise<RateCounter> {
    return this.shared(
      async () => {
        const [count, ttl] = (await this.redis.client.eval(HIT, 1, PREFIX + key, windowMs)) as [number, number];
        return { count, resetAt: new Date(now.getTime() + (ttl > 0 ? ttl : windowMs)) };
      },
      () => this.local.hit(key, windowMs, now),
    );
  }

  peek(key: string, now: Date): Promise<RateCounter | null> {
    return this.shared(
      async () => {
        const [count, ttl] = await Promise.all([
          this.redis.client.get(PREFIX + key),
          this.redis.client.pttl(PREFIX + key),
        ]);
        if (count === null || ttl <= 0) return null;
        return { count: Number(count), resetAt: new Date(now.getTime() + ttl) };
      },
      () => this.local.peek(key, now),
    );
  }

  reset(key: string): Promise<void> {
    return this.shared(
      async () => {
        await this.redis.client.del(PREFIX + key);
        await this.local.reset(key);
      },
      () => this.local.reset(key),
    );
  }

  block(key: string, until: Date): Promise<void> {
    // Redis expires by its own clock; the stored end is what `blockedUntil` compares with.
    const ttl = Math.max(1, until.getTime() - Date.now());
    return this.shared(
      async () => {
        await this.redis.client.eval(BLOCK, 1, BLOCK_PREFIX + key, until.getTime(), ttl);
      },
      () => this.local.block(key, until),
    );
  }

  blockedUntil(key: string, now: Date): Promise<Date | null> {
    return this.shared(
      async () => {
        const value = await this.redis.client.get(BLOCK_PREFIX + key);
        if (value === null || Number(value) <= now.getTime()) return null;
        return new Date(Number(value));
      },
      () => this.local.blockedUntil(key, now),
    );
  }

  private async shared<T>(onRedis: () => Promise<T>, onLocal: () => Promise<T>): Promise<T> {
    if (this.redis.isConnected) {
      try {
        const result = await onRedis();
        this.isDegraded = false;
        return result;
      } catch (error) {
        if (!this.isDegraded) this.logger.warn({ err: error }, 'rate limits counted per instance: redis unavailable');
        this.isDegraded = true;
      }
    }
    return onLocal();
  }
}
