// Turns "these people should hear of this fact" into stored notifications, honouring each
// recipient's channel for the kind. Idempotent: a fact already notified (same recipient and key)
// is skipped, so listeners may run again for a redelivered event. Mail goes through the outbox.
import { Injectable, Logger } from '@nestjs/common';
import { PubSubEngine } from 'graphql-subscriptions';
import { Types } from 'mongoose';
import { UnitOfWork } from '@helpboard/database';
import { PreferenceService } from '../preference/preference.service.js';
import { NotificationChannel, type NotificationKind } from './notification-kind.js';
import { toLiveNotification } from './notification.mapper.js';
import { NotificationRepository } from './notification.repository.js';
import type { NotificationRecord } from './notification.schema.js';

/** Outbox topic: e-mail one notification (payload `{ notificationId }`). */
export const NOTIFICATION_EMAIL_TOPIC = 'notification.email';

export const notificationTopic = (userId: string) => `notification-added:${userId}`;

export interface NotificationFact {
  kind: NotificationKind;
  /** Names the fact, the same for every delivery of it (e.g. `answer:<answerId>`). */
  key: string;
  boardId?: string | null;
  threadId?: string | null;
  postId?: string | null;
  actorId?: string | null;
  params?: Record<string, string>;
  at: Date;
}

const objectIdOrNull = (id: string | null | undefined) => (id ? new Types.ObjectId(id) : null);

@Injectable()
export class Notifier {
  private readonly logger = new Logger(Notifier.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly preferences: PreferenceService,
    private readonly unitOfWork: UnitOfWork,
    private readonly pubSub: PubSubEngine,
  ) {}

  /** Notifies each recipient once (never the actor who caused the fact); returns those created. */
  async notify(recipientIds: readonly string[], fact: NotificationFact): Promise<NotificationRecord[]> {
    const recipients = [...new Set(recipientIds)].filter((id) => id !== fact.actorId && Types.ObjectId.isValid(id));
    if (recipients.length === 0) return [];
    const channels = await this.preferences.channelsFor(recipients, fact.kind);
    const records = recipients
      .filter((id) => channels.get(id) !== NotificationChannel.OFF)
      .map((id): Omit<NotificationRecord, '_id'> => ({
        recipientId: new Types.ObjectId(id),
        kind: fact.kind,
        key: fact.key,
        channel: channels.get(id)!,
        boardId: objectIdOrNull(fact.boardId),
        threadId: objectIdOrNull(fact.threadId),
        postId: objectIdOrNull(fact.postId),
        actorId: objectIdOrNull(fact.actorId),
        params: fact.params ?? {},
        createdAt: fact.at,
        readAt: null,
        digestedAt: null,
      }));
    if (records.length === 0) return [];
    const created = await this.unitOfWork.run(async (tx) => {
      const inserted: NotificationRecord[] = [];
      for (const record of records) {
        const _id = await this.notifications.insertOnce(record, tx.session);
        if (!_id) continue;
        inserted.push({ _id, ...record });
        if (record.channel === NotificationChannel.EMAIL) {
          tx.enqueue(NOTIFICATION_EMAIL_TOPIC, { notificationId: _id.toHexString() });
        }
      }
      return inserted;
    });
    for (const record of created) {
      await this.pubSub
        .publish(notificationTopic(record.recipientId.toHexString()), { notificationAdded: toLiveNotification(record) })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'live notification not published'));
    }
    return created;
  }
}
