// Outbox handlers that e-mail notifications and digests. Delivery is at least once; the sent-mail
// log (and the .eml file name) keeps a redelivered message from going out twice.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { Clock } from '@helpboard/core';
import { BoardAccessService } from '@helpboard/boards';
import { OutboxRelay } from '@helpboard/database';
import { UsersService } from '@helpboard/identity';
import { NotificationChannel } from '../notification/notification-kind.js';
import { NotificationRepository } from '../notification/notification.repository.js';
import type { NotificationRecord } from '../notification/notification.schema.js';
import { NOTIFICATION_EMAIL_TOPIC } from '../notification/notifier.js';
import { PreferenceService } from '../preference/preference.service.js';
import { type MailRecipient, MailComposer } from './mail-composer.js';
import { SentMailRecord } from './mail-log.schema.js';
import { type OutgoingMail, MailTransport } from './mail-transport.js';

/** Outbox topic: e-mail one user's digest (payload `{ digestId, userId, notificationIds }`). */
export const NOTIFICATION_DIGEST_TOPIC = 'notification.digest';

@Injectable()
export class EmailDelivery implements OnModuleInit {
  constructor(
    @InjectModel(SentMailRecord.name) private readonly sent: Model<SentMailRecord>,
    private readonly relay: OutboxRelay,
    private readonly notifications: NotificationRepository,
    private readonly preferences: PreferenceService,
    private readonly users: UsersService,
    private readonly composer: MailComposer,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly access: BoardAccessService,
  ) {}

  onModuleInit(): void {
    this.relay.register(NOTIFICATION_EMAIL_TOPIC, (payload) =>
      this.deliverNotification(String(payload.notificationId)),
    );
    this.relay.register(NOTIFICATION_DIGEST_TOPIC, (payload) =>
      this.deliverDigest(String(payload.digestId), String(payload.userId), payload.notificationIds as string[]),
    );
  }

  async deliverNotification(notificationId: string): Promise<void> {
    const record = await this.notifications.findById(new Types.ObjectId(notificationId));
    if (!record) return;
    const recipientId = record.recipientId.toHexString();
    // The user may have unsubscribed between the fact and the mail.
    const channel = (await this.preferences.channelsFor([recipientId], record.kind)).get(recipientId);
    if (channel !== NotificationChannel.EMAIL) return;
    if (!(await this.mayRead(recipientId, record))) return; // access lost since the fact
    const to = await this.recipient(recipientId);
    if (to) await this.sendOnce(this.composer.notification(record, to, this.clock.now()), record.recipientId);
  }

  async deliverDigest(digestId: string, userId: string, notificationIds: string[]): Promise<void> {
    const found = await this.notifications.findByIds(notificationIds.map((id) => new Types.ObjectId(id)));
    const readable = await Promise.all(found.map((record) => this.mayRead(userId, record)));
    const records = found.filter((_, index) => readable[index]);
    const to = await this.recipient(userId);
    if (!to || records.length === 0) return;
    await this.sendOnce(
      this.composer.digest(digestId, records.reverse(), to, this.clock.now()),
      records[0].recipientId,
    );
  }

  /** A mail says what the notification said: only while its recipient may still read the board. */
  private async mayRead(userId: string, record: NotificationRecord): Promise<boolean> {
    if (!record.boardId) return true;
    return (await this.access.readersAmong(record.boardId, [userId])).length === 1;
  }

  private async recipient(userId: string): Promise<MailRecipient | null> {
    const user = await this.users.findById(userId);
    return user?.email ? { id: userId, email: user.email, locale: user.locale } : null;
  }

  private async sendOnce(mail: OutgoingMail, recipientId: Types.ObjectId): Promise<void> {
    if (await this.sent.exists({ messageId: mail.id }).exec()) return;
    await this.transport.send(mail);
    await this.sent
      .updateOne({ messageId: mail.id }, { $setOnInsert: { recipientId, sentAt: this.clock.now() } }, { upsert: true })
      .exec();
  }
}
