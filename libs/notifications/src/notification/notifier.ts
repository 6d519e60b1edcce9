// Turns "these people should hear of this fact" into stored notifications, honouring each
// recipient's channel for the kind. Idempotent: a fact already notified (same recipient and key)
// is skipped, so listeners may run again for a redelivered event. Mail goes through the outbox.
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { PubSubEngine } from 'graphql-subscriptions';
import { Types } from 'mongoose';
import { BoardAccessService } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { OutboxRelay, UnitOfWork } from '@helpboard/database';
import { PreferenceService } from '../preference/preference.service.js';
import { NotificationChannel, type NotificationKind } from './notification-kind.js';
import { toLiveNotification } from './notification.mapper.js';
import { NotificationRepository } from './notification.repository.js';
import type { NotificationRecord } from './notification.schema.js';

/** Outbox topic: e-mail one notification (payload `{ notificationId }`). */
export const NOTIFICATION_EMAIL_TOPIC = 'notification.email';

export const notificationTopic = (userId: string) => `notification-added:${userId}`;

/** Outbox topic: notify many recipients of one fact (payload `{ recipients, fact }`). */
export const NOTIFICATION_FANOUT_TOPIC = 'notification.fanout';

/** Up to this many recipients are notified within the request; more go through the outbox. */
export const INLINE_RECIPIENTS = 50;

/** Notifications written per round trip (and recipients per outbox message). */
const BATCH = 500;

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
export class Notifier implements OnModuleInit {
  private readonly logger = new Logger(Notifier.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly preferences: PreferenceService,
    private readonly unitOfWork: UnitOfWork,
    private readonly pubSub: PubSubEngine,
    private readonly relay: OutboxRelay,
    private readonly access: BoardAccessService,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.relay.register(NOTIFICATION_FANOUT_TOPIC, async (payload) => {
      await this.deliver(payload.recipients as string[], payload.fact as NotificationFact);
    });
  }

  /**
   * Notifies each recipient once (never the actor who caused the fact); returns those created
   * at once. Many recipients (a popular thread's followers) are notified after the request that
   * caused it, through the outbox, so an answer never waits for hundreds of writes.
   */
  async notify(recipientIds: readonly string[], fact: NotificationFact): Promise<NotificationRecord[]> {
    const recipients = [...new Set(recipientIds)].filter((id) => id !== fact.actorId && Types.ObjectId.isValid(id));
    if (recipients.length <= INLINE_RECIPIENTS) return this.deliver(recipients, fact);
    await this.unitOfWork.run(async (tx) => {
      for (let from = 0; from < recipients.length; from += BATCH) {
        tx.enqueue(NOTIFICATION_FANOUT_TOPIC, { recipients: recipients.slice(from, from + BATCH), fact });
      }
    });
    return [];
  }

  private async deliver(everyone: string[], fact: NotificationFact): Promise<NotificationRecord[]> {
    // On a private board a thread's title is itself private: only its readers hear of it.
    const recipients = fact.boardId
      ? await this.access.readersAmong(new Types.ObjectId(fact.boardId), everyone)
      : everyone;
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
      for (let from = 0; from < records.length; from += BATCH) {
        const batch = records.slice(from, from + BATCH);
        const ids = await this.notifications.insertOnce(batch, tx.session);
        batch.forEach((record, index) => {
          const _id = ids[index];
          if (!_id) return;
          inserted.push({ _id, ...record });
          if (record.channel === NotificationChannel.EMAIL) {
            tx.enqueue(NOTIFICATION_EMAIL_TOPIC, { notificationId: _id.toHexString() });
          }
        });
      }
      return inserted;
    });
    // Their unread count in the site's header (after commit: the version moves with the data seen).
    await this.users.touchViewerState(created.map((record) => record.recipientId));
    for (const record of created) {
      await this.pubSub
        .publish(notificationTopic(record.recipientId.toHexString()), { notificationAdded: toLiveNotification(record) })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'live notification not published'));
    }
    return created;
  }
}
