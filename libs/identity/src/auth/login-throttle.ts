// Brute-force protection for anything checked against a password, per account and per client IP.
// A few attempts are free; each further one within the window doubles how long that account (or
// IP) must wait. Attempts are reserved before the password is verified, so parallel guesses each
// cost one attempt: only the free ones are ever checked. The same answer is given whether or not
// the account exists.
import { Injectable } from '@nestjs/common';
import { type AttemptPolicy, Clock, RateLimitedError, RateLimitStore } from '@helpboard/core';

const WINDOW_MS = 15 * 60_000;
const BACKOFF = { windowMs: WINDOW_MS, firstBlockMs: 30_000, maxBlockMs: 15 * 60_000 };
/** OWASP: lock an account out after a handful of failures, an address after many more (NAT, offices). */
const PER_ACCOUNT: AttemptPolicy = { ...BACKOFF, freeAttempts: 5 };
const PER_IP: AttemptPolicy = { ...BACKOFF, freeAttempts: 30 };

/** What a password protects: signing in, or changing the password while signed in. */
export type GuardedAction = 'login' | 'password-change';

/** One reserved attempt: settle it with the outcome of the verification. */
export interface PasswordAttempt {
  succeeded(): Promise<void>;
}

@Injectable()
export class LoginThrottle {
  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Counts an attempt on the account and from the address before anything is verified; throws
   * LOGIN_THROTTLED while either is blocked. A failed attempt needs no settling: it stays counted.
   */
  async reserve(action: GuardedAction, accountKey: string, ip: string): Promise<PasswordAttempt> {
    const now = this.clock.now();
    const accountSubject = `${action}:account:${accountKey}`;
    const ipSubject = `${action}:ip:${ip}`;
    const reservations = await Promise.all([
      this.store.reserveAttempt(accountSubject, PER_ACCOUNT, now),
      this.store.reserveAttempt(ipSubject, PER_IP, now),
    ]);
    const until = Math.max(0, ...reservations.map((r) => (r.isAllowed ? 0 : r.retryAt.getTime())));
    if (until > 0) throw new RateLimitedError(Math.ceil((until - now.getTime()) / 1000), 'LOGIN_THROTTLED');
    return {
      // The owner proved who they are: the account starts afresh, the address gets its attempt back.
      succeeded: async () => {
        await Promise.all([this.store.forgetAttempts(accountSubject), this.store.releaseAttempt(ipSubject, PER_IP)]);
      },
    };
  }
}
