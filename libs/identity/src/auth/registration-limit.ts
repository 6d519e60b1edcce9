// Sign-ups per client address are limited, so scripts cannot mass-create accounts (spam, vote
// rings); a household or office behind one address still has room.
import { Injectable } from '@nestjs/common';
import { Clock, RateLimitedError, RateLimitStore } from '@helpboard/core';

export const REGISTRATIONS_PER_HOUR_PER_IP = 20;
const HOUR_MS = 3_600_000;

@Injectable()
export class RegistrationLimit {
  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
  ) {}

  async consume(ip: string): Promise<void> {
    const now = this.clock.now();
    const { count, resetAt } = await this.store.hit(`register:ip:${ip}`, HOUR_MS, now);
    if (count > REGISTRATIONS_PER_HOUR_PER_IP) {
      throw new RateLimitedError(Math.ceil((resetAt.getTime() - now.getTime()) / 1000), 'REGISTRATION_THROTTLED');
    }
  }
}
