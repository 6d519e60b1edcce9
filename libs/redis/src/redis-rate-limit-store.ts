// Rate-limit and login-throttling counters shared by every instance. Fixed windows: the first hit
// of a window creates the counter with the window's length as its lifetime. While Redis is
// unreachable each instance counts on its own (in memory), so limits still hold per instance
// and nothing fails.
import { Logger } from '@nestjs/common';
import {
  type AttemptPolicy,
  type AttemptReservation,
  InMemoryRateLimitStore,
  type RateCounter,
  RateLimitStore,
} from '@helpboard/core';
import type { RedisConnection } from './redis-connection.js';

const PREFIX = 'helpboard:rate:';
const ATTEMPTS_PREFIX = 'helpboard:attempts:';
const BLOCK_PREFIX = 'helpboard:attempts-block:';

// INCRBY, and start the window on the first hit; answers the count and the window's remaining ms.
const HIT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { n, redis.call('PTTL', KEYS[1]) }`;

// The check and the count of an attempt in one step (see RateLimitStore.reserveAttempt).
// KEYS: counter, block. ARGV: now (epoch ms), free attempts, window, first block, max block.
// Answers 0 when allowed, else the end of the block (epoch ms).
const RESERVE = `
local now = tonumber(ARGV[1])
local blockedUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
if blockedUntil > now then return blockedUntil end
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
local free = tonumber(ARGV[2])
if n >= free then
  local ms = math.floor(math.min(tonumber(ARGV[4]) * 2 ^ (n - free), tonumber(ARGV[5])))
  redis.call('SET', KEYS[2], string.format('%d', now + ms), 'PX', ms)
end
return 0`;

// Gives one attempt back; under the free attempts the block goes too. KEYS: counter, block.
const RELEASE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then n = redis.call('DECR', KEYS[1]) end
if n < tonumber(ARGV[1]) then redis.call('DEL', KEYS[2]) end
return n`;

export class RedisRateLimitStore extends RateLimitStore {
  private readonly logger = new Logger(RedisRateLimitStore.name);
  private readonly local = new InMemoryRateLimitStore();
  private isDegraded = false;

  constructor(private readonly redis: RedisConnection) {
    super();
  }

  hit(key: string, windowMs: number, now: Date, amount = 1): Promise<RateCounter> {
    return this.shared(
      async () => {
        const [count, ttl] = (await this.redis.client.eval(HIT, 1, PREFIX + key, windowMs, amount)) as [number, number];
        return { count, resetAt: new Date(now.getTime() + (ttl > 0 ? ttl : windowMs)) };
      },
      () => this.local.hit(key, windowMs, now, amount),
    );
  }

  reserveAttempt(key: string, policy: AttemptPolicy, now: Date): Promise<AttemptReservation> {
    return this.shared(
      async () => {
        const blockedUntil = Number(
          await this.redis.client.eval(
            RESERVE,
            2,
            ATTEMPTS_PREFIX + key,
            BLOCK_PREFIX + key,
            now.getTime(),
            policy.freeAttempts,
            policy.windowMs,
            policy.firstBlockMs,
            policy.maxBlockMs,
          ),
        );
        return blockedUntil === 0 ? { isAllowed: true } : { isAllowed: false, retryAt: new Date(blockedUntil) };
      },
      () => this.local.reserveAttempt(key, policy, now),
    );
  }

  releaseAttempt(key: string, policy: AttemptPolicy): Promise<void> {
    return this.shared(
      async () => {
        await this.redis.client.eval(RELEASE, 2, ATTEMPTS_PREFIX + key, BLOCK_PREFIX + key, policy.freeAttempts);
      },
      () => this.local.releaseAttempt(key, policy),
    );
  }

  forgetAttempts(key: string): Promise<void> {
    return this.shared(
      async () => {
        await this.redis.client.del(ATTEMPTS_PREFIX + key, BLOCK_PREFIX + key);
      },
      () => this.local.forgetAttempts(key),
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
