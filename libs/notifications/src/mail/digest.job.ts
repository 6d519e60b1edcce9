// The daily digest: a user's DIGEST notifications are mailed together once the oldest waiting one
// is a day old, so nobody gets more than one digest a day. Collecting marks them in the same
// transaction that queues the mail, so a restart never sends an item twice or drops one.
import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { APP_CONFIG, type AppConfig, Clock, PeriodicJob } from '@helpboard/core';
import { UnitOfWork } from '@helpboard/database';
import { NotificationRepository } from '../notification/notification.repository.js';
import { NOTIFICATION_DIGEST_TOPIC } from './email-delivery.js';

export const DIGEST_PERIOD_MS = 24 * 3_600_000;
const CHECK_EVERY_MS = 3_600_000;

@Injectable()
export class DigestJob extends PeriodicJob {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config, CHECK_EVERY_MS);
  }

  /** Queues the digests that are due; returns how many. */
  async run(): Promise<number> {
    const now = this.clock.now();
    let queued = 0;
    for (const waiting of await this.notifications.waitingDigests()) {
      if (now.getTime() - waiting.oldest.getTime() < DIGEST_PERIOD_MS) continue;
      const isQueued = await this.unitOfWork.run(async (tx) => {
        const items = await this.notifications.waitingDigestOf(waiting._id, tx.session);
        if (items.length === 0) return false;
        await this.notifications.markDigested(
          items.map((item) => item._id),
          now,
          tx.session,
        );
        tx.enqueue(NOTIFICATION_DIGEST_TOPIC, {
          digestId: new Types.ObjectId().toHexString(),
          userId: waiting._id.toHexString(),
          notificationIds: items.map((item) => item._id.toHexString()),
        });
        return true;
      });
      if (isQueued) queued++;
    }
    return queued;
  }
}
