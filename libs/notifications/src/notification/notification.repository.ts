import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, Types } from 'mongoose';
import { keysetFilter, type SortSpec, sortDocument } from '@helpboard/core';
import { NotificationChannel } from './notification-kind.js';
import { NotificationRecord } from './notification.schema.js';

export const NOTIFICATION_ORDER: SortSpec = [
  ['createdAt', -1],
  ['_id', -1],
];

@Injectable()
export class NotificationRepository {
  constructor(@InjectModel(NotificationRecord.name) private readonly notifications: Model<NotificationRecord>) {}

  /**
   * Inserts each notification unless its recipient already has one with the same key, in one
   * round trip; returns the ids of those inserted, by position (null where one existed). The ids
   * are the server's: the embedded engine refuses `_id` in `$setOnInsert`.
   */
  async insertOnce(
    records: Omit<NotificationRecord, '_id'>[],
    session: ClientSession,
  ): Promise<(Types.ObjectId | null)[]> {
    if (records.length === 0) return [];
    const result = await this.notifications.bulkWrite(
      records.map(({ recipientId, key, ...rest }) => ({
        updateOne: { filter: { recipientId, key }, update: { $setOnInsert: rest }, upsert: true },
      })),
      { session, ordered: true },
    );
    const inserted = result.upsertedIds as Record<number, Types.ObjectId>;
    return records.map((_record, index) => inserted[index] ?? null);
  }

  findById(id: Types.ObjectId): Promise<NotificationRecord | null> {
    return this.notifications.findById(id).lean<NotificationRecord>().exec();
  }

  findByIds(ids: readonly Types.ObjectId[], session?: ClientSession): Promise<NotificationRecord[]> {
    return this.notifications
      .find({ _id: { $in: ids } })
      .session(session ?? null)
      .sort(sortDocument(NOTIFICATION_ORDER))
      .lean<NotificationRecord[]>()
      .exec();
  }

  /** Boards the recipient's notifications are about. */
  async boardIdsOf(recipientId: Types.ObjectId): Promise<Types.ObjectId[]> {
    return this.notifications.distinct('boardId', { recipientId, boardId: { $ne: null } }).exec();
  }

  /**
   * `only` keeps the unread or the read ones; `hiddenBoards`: boards whose notifications are left
   * out (the recipient lost access to them).
   */
  list(
    recipientId: Types.ObjectId,
    only: 'unread' | 'read' | null,
    limit: number,
    after?: readonly unknown[],
    hiddenBoards: readonly Types.ObjectId[] = [],
  ) {
    const readAt = only === 'unread' ? { readAt: null } : only === 'read' ? { readAt: { $ne: null } } : {};
    const conditions: Record<string, unknown>[] = [{ recipientId, ...readAt }];
    if (hiddenBoards.length > 0) conditions.push({ boardId: { $nin: hiddenBoards } });
    if (after) conditions.push(keysetFilter(NOTIFICATION_ORDER, after));
    return this.notifications
      .find({ $and: conditions })
      .sort(sortDocument(NOTIFICATION_ORDER))
      .limit(limit)
      .lean<NotificationRecord[]>()
      .exec();
  }

  unreadCount(recipientId: Types.ObjectId, hiddenBoards: readonly Types.ObjectId[] = []): Promise<number> {
    const visible = hiddenBoards.length > 0 ? { boardId: { $nin: hiddenBoards } } : {};
    return this.notifications.countDocuments({ recipientId, readAt: null, ...visible }).exec();
  }

  /** Marks the recipient's notifications read: the given ones, or all of them. */
  async markRead(recipientId: Types.ObjectId, ids: Types.ObjectId[] | null, now: Date): Promise<void> {
    await this.notifications
      .updateMany({ recipientId, readAt: null, ...(ids ? { _id: { $in: ids } } : {}) }, { $set: { readAt: now } })
      .exec();
  }

  /** Recipients with DIGEST notifications waiting, with the oldest waiting time of each. */
  waitingDigests(): Promise<{ _id: Types.ObjectId; oldest: Date }[]> {
    return this.notifications
      .aggregate<{ _id: Types.ObjectId; oldest: Date }>([
        { $match: { channel: NotificationChannel.DIGEST, digestedAt: null } },
        { $group: { _id: '$recipientId', oldest: { $min: '$createdAt' } } },
      ])
      .exec();
  }

  waitingDigestOf(recipientId: Types.ObjectId, session: ClientSession): Promise<NotificationRecord[]> {
    return this.notifications
      .find({ recipientId, channel: NotificationChannel.DIGEST, digestedAt: null })
      .session(session)
      .sort({ createdAt: 1, _id: 1 })
      .limit(200)
      .lean<NotificationRecord[]>()
      .exec();
  }

  async markDigested(ids: Types.ObjectId[], now: Date, session: ClientSession): Promise<void> {
    await this.notifications.updateMany({ _id: { $in: ids } }, { $set: { digestedAt: now } }, { session }).exec();
  }
}
