// Counters for rate limits and brute-force throttling. In one process they live in memory; with
// REDIS_URL a Redis-backed store implements the same port so every instance shares them.
// Every operation is one atomic step, so parallel requests cannot slip between a check and its
// count (see docs/security.md, "Throttles reserve before they verify").

export interface RateCounter {
  count: number;
  /** When the window that `count` belongs to ends. */
  resetAt: Date;
}

/**
 * Brute-force throttling of something a client tries to guess (a password). Within `windowMs` the
 * first `freeAttempts` attempts are free; from then on each attempt blocks the subject for twice
 * as long as the one before, from `firstBlockMs` up to `maxBlockMs`.
 */
export interface AttemptPolicy {
  freeAttempts: number;
  windowMs: number;
  firstBlockMs: number;
  maxBlockMs: number;
}

/** Allowed: go on and verify. Otherwise the subject is blocked until `retryAt`. */
export type AttemptReservation = { isAllowed: true } | { isAllowed: false; retryAt: Date };

/** How long the attempt numbered `count` blocks the subject (0: not at all). */
export function blockAfterAttempt(count: number, policy: AttemptPolicy): number {
  if (count < policy.freeAttempts) return 0;
  return Math.min(policy.firstBlockMs * 2 ** (count - policy.freeAttempts), policy.maxBlockMs);
}

export abstract class RateLimitStore {
  /** Adds `amount` (default 1) to `key` and returns the total within the current fixed window. */
  abstract hit(key: string, windowMs: number, now: Date, amount?: number): Promise<RateCounter>;
  /**
   * Counts an attempt on `key` before it is verified, in one step with the check: refused while
   * the subject is blocked; otherwise counted, and from the free attempts on it starts the next
   * block. N parallel attempts therefore cost N attempts, whatever their outcome.
   */
  abstract reserveAttempt(key: string, policy: AttemptPolicy, now: Date): Promise<AttemptReservation>;
  /** Gives back one attempt that turned out right, lifting the block once under the free attempts. */
  abstract releaseAttempt(key: string, policy: AttemptPolicy): Promise<void>;
  /** Forgets every attempt on `key` and its block (the owner proved who they are). */
  abstract forgetAttempts(key: string): Promise<void>;
}

interface Window {
  count: number;
  resetAt: number;
}

export class InMemoryRateLimitStore extends RateLimitStore {
  private readonly counters = new Map<string, Window>();
  private readonly attempts = new Map<string, Window & { blockedUntil: number }>();

  // No await inside the methods below: each runs as one step on the event loop, hence atomically.

  async hit(key: string, windowMs: number, now: Date, amount = 1): Promise<RateCounter> {
    const at = now.getTime();
    const current = this.counters.get(key);
    const entry =
      current && current.resetAt > at
        ? { count: current.count + amount, resetAt: current.resetAt }
        : { count: amount, resetAt: at + windowMs };
    this.counters.set(key, entry);
    this.evictExpired(at);
    return { count: entry.count, resetAt: new Date(entry.resetAt) };
  }

  async reserveAttempt(key: string, policy: AttemptPolicy, now: Date): Promise<AttemptReservation> {
    const at = now.getTime();
    const current = this.attempts.get(key);
    if (current && current.blockedUntil > at) return { isAllowed: false, retryAt: new Date(current.blockedUntil) };
    const count = current && current.resetAt > at ? current.count + 1 : 1;
    const blockMs = blockAfterAttempt(count, policy);
    this.attempts.set(key, {
      count,
      resetAt: count === 1 ? at + policy.windowMs : current!.resetAt,
      blockedUntil: blockMs > 0 ? at + blockMs : 0,
    });
    this.evictExpired(at);
    return { isAllowed: true };
  }

  async releaseAttempt(key: string, policy: AttemptPolicy): Promise<void> {
    const entry = this.attempts.get(key);
    if (!entry) return;
    entry.count = Math.max(0, entry.count - 1);
    if (entry.count < policy.freeAttempts) entry.blockedUntil = 0;
  }

  async forgetAttempts(key: string): Promise<void> {
    this.attempts.delete(key);
  }

  /** Keeps memory bounded under a flood of distinct keys (e.g. many IPs). */
  private evictExpired(now: number): void {
    if (this.counters.size >= 10_000) {
      for (const [key, entry] of this.counters) if (entry.resetAt <= now) this.counters.delete(key);
    }
    if (this.attempts.size >= 10_000) {
      for (const [key, entry] of this.attempts) {
        if (entry.resetAt <= now && entry.blockedUntil <= now) this.attempts.delete(key);
      }
    }
  }
}
