// Brute-force protection for sign-in, per account and per client IP. A few failures are free;
// each further failure within the window doubles how long that account (or IP) must wait.
// The same answer is given whether or not the account exists.
import { Injectable } from '@nestjs/common';
import { Clock, RateLimitedError, RateLimitStore } from '@helpboard/core';

const WINDOW_MS = 15 * 60_000;
const FREE_FAILURES_PER_ACCOUNT = 5;
const FREE_FAILURES_PER_IP = 30;
const FIRST_BLOCK_MS = 30_000;
const MAX_BLOCK_MS = 15 * 60_000;

@Injectable()
export class LoginThrottle {
  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
  ) {}

  async assertAllowed(accountKey: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const [account, address] = await Promise.all([
      this.store.blockedUntil(`login:block:account:${accountKey}`, now),
      this.store.blockedUntil(`login:block:ip:${ip}`, now),
    ]);
    const until = [account, address].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
    if (until) throw new RateLimitedError(Math.ceil((until.getTime() - now.getTime()) / 1000), 'LOGIN_THROTTLED');
  }

  async recordFailure(accountKey: string, ip: string): Promise<void> {
    await Promise.all([
      this.countFailure(`account:${accountKey}`, FREE_FAILURES_PER_ACCOUNT),
      this.countFailure(`ip:${ip}`, FREE_FAILURES_PER_IP),
    ]);
  }

  async recordSuccess(accountKey: string): Promise<void> {
    await this.store.reset(`login:fail:account:${accountKey}`);
  }

  private async countFailure(subject: string, freeFailures: number): Promise<void> {
    const now = this.clock.now();
    const { count } = await this.store.hit(`login:fail:${subject}`, WINDOW_MS, now);
    if (count < freeFailures) return;
    const blockMs = Math.min(FIRST_BLOCK_MS * 2 ** (count - freeFailures), MAX_BLOCK_MS);
    await this.store.block(`login:block:${subject}`, new Date(now.getTime() + blockMs));
  }
}
