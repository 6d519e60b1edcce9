// Counters for rate limits and brute-force throttling. In one process they live in memory; with
// REDIS_URL a Redis-backed store implements the same port so every instance shares them.

export interface RateCounter {
  count: number;
  /** When the window that `count` belongs to ends. */
  resetAt: Date;
}

export abstract class RateLimitStore {
  /** Adds one hit to `key` and returns the count within the current fixed window. */
  abstract hit(key: string, windowMs: number, now: Date): Promise<RateCounter>;
  abstract peek(key: string, now: Date): Promise<RateCounter | null>;
  abstract reset(key: string): Promise<void>;
  /** Blocks `key` until the given time (extending, never shortening, an existing block). */
  abstract block(key: string, until: Date): Promise<void>;
  abstract blockedUntil(key: string, now: Date): Promise<Date | null>;
}

export class InMemoryRateLimitStore extends RateLimitStore {
  private readonly counters = new Map<string, { count: number; resetAt: number }>();
  private readonly blocks = new Map<string, number>();

  async hit(key: string, windowMs: number, now: Date): Promise<RateCounter> {
    const current = this.counters.get(key);
    const entry =
      current && current.resetAt > now.getTime()
        ? { count: current.count + 1, resetAt: current.resetAt }
        : { count: 1, resetAt: now.getTime() + windowMs };
    this.counters.set(key, entry);
    this.evictExpired(now.getTime());
    return { count: entry.count, resetAt: new Date(entry.resetAt) };
  }

  async peek(key: string, now: Date): Promise<RateCounter | null> {
    const entry = this.counters.get(key);
    if (!entry || entry.resetAt <= now.getTime()) return null;
    return { count: entry.count, resetAt: new Date(entry.resetAt) };
  }

  async reset(key: string): Promise<void> {
    this.counters.delete(key);
  }

  async block(key: string, until: Date): Promise<void> {
    this.blocks.set(key, Math.max(this.blocks.get(key) ?? 0, until.getTime()));
  }

  async blockedUntil(key: string, now: Date): Promise<Date | null> {
    const until = this.blocks.get(key);
    if (until === undefined || until <= now.getTime()) return null;
    return new Date(until);
  }

  /** Keeps memory bounded under a flood of distinct keys (e.g. many IPs). */
  private evictExpired(now: number): void {
    if (this.counters.size < 10_000) return;
    for (const [key, entry] of this.counters) if (entry.resetAt <= now) this.counters.delete(key);
    for (const [key, until] of this.blocks) if (until <= now) this.blocks.delete(key);
  }
}
