// Which channel each notification kind uses for a user: their choice, else the default.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { Clock } from '@helpboard/core';
import { DEFAULT_CHANNELS, NotificationChannel, NotificationKind } from '../notification/notification-kind.js';
import { PreferenceRecord } from './preference.schema.js';

export interface NotificationPreferenceValue {
  kind: NotificationKind;
  channel: NotificationChannel;
  isDefault: boolean;
}

@Injectable()
export class PreferenceService {
  constructor(
    @InjectModel(PreferenceRecord.name) private readonly preferences: Model<PreferenceRecord>,
    private readonly clock: Clock,
  ) {}

  /** Every kind with the user's channel for it. */
  async preferencesOf(userId: string): Promise<NotificationPreferenceValue[]> {
    const rows = await this.preferences
      .find({ userId: new Types.ObjectId(userId) })
      .lean<PreferenceRecord[]>()
      .exec();
    const chosen = new Map(rows.map((row) => [row.kind, row.channel]));
    return Object.values(NotificationKind).map((kind) => ({
      kind,
      channel: chosen.get(kind) ?? DEFAULT_CHANNELS[kind],
      isDefault: !chosen.has(kind),
    }));
  }

  /** The channel of one kind for many users (one query), keyed by user id. */
  async channelsFor(userIds: readonly string[], kind: NotificationKind): Promise<Map<string, NotificationChannel>> {
    const rows = await this.preferences
      .find({ kind, userId: { $in: userIds.map((id) => new Types.ObjectId(id)) } })
      .lean<PreferenceRecord[]>()
      .exec();
    const chosen = new Map(rows.map((row) => [row.userId.toHexString(), row.channel]));
    return new Map(userIds.map((id) => [id, chosen.get(id) ?? DEFAULT_CHANNELS[kind]]));
  }

  async setPreference(userId: string, kind: NotificationKind, channel: NotificationChannel): Promise<void> {
    await this.preferences
      .updateOne(
        { userId: new Types.ObjectId(userId), kind },
        { $set: { channel, updatedAt: this.clock.now() } },
        { upsert: true },
      )
      .exec();
  }
}
