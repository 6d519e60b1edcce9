// Uploads per user and hour, so one account cannot fill the disk or the bucket: counted before
// the file is looked at (N parallel uploads count N), in the shared rate-limit store.
import { Injectable } from '@nestjs/common';
import { Clock, RateLimitedError, RateLimitStore } from '@helpboard/core';

const HOUR_MS = 3_600_000;

/** What each kind of upload allows a user an hour: avatars are changed rarely, posts need more. */
export const UPLOADS_PER_HOUR = { avatar: 10, postImage: 30 } as const;

@Injectable()
export class UploadLimit {
  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
  ) {}

  async consume(userId: string, kind: keyof typeof UPLOADS_PER_HOUR): Promise<void> {
    const now = this.clock.now();
    const { count, resetAt } = await this.store.hit(`upload:${kind}:${userId}`, HOUR_MS, now);
    if (count > UPLOADS_PER_HOUR[kind]) {
      throw new RateLimitedError(Math.ceil((resetAt.getTime() - now.getTime()) / 1000), 'UPLOADS_THROTTLED');
    }
  }
}
