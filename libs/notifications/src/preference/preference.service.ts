// Which channel each notification kind uses for a user: their choice, else the default.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { Clock } from '@helpboard/core';
import { DEFAULT_CHANNELS, NotificationChannel, NotificationKind } from '../notification/notification-kind.js';
import { PreferenceRepository } from './preference.repository.js';

export interface NotificationPreferenceValue {
  kind: NotificationKind;
  channel: NotificationChannel;
  isDefault: boolean;
}

@Injectable()
export class PreferenceService {
  constructor(
    private readonly preferences: PreferenceRepository,
    private readonly clock: Clock,
  ) {}

  /** Every kind with the user's channel for it. */
  async preferencesOf(userId: string): Promise<NotificationPreferenceValue[]> {
    const rows = await this.preferences.ofUser(new Types.ObjectId(userId));
    const chosen = new Map(rows.map((row) => [row.kind, row.channel]));
    return Object.values(NotificationKind).map((kind) => ({
      kind,
      channel: chosen.get(kind) ?? DEFAULT_CHANNELS[kind],
      isDefault: !chosen.has(kind),
    }));
  }

  /** The channel of one kind for many users (one query), keyed by user id. */
  async channelsFor(userIds: readonly string[], kind: NotificationKind): Promise<Map<string, NotificationChannel>> {
    const rows = await this.preferences.ofUsers(
      userIds.map((id) => new Types.ObjectId(id)),
      kind,
    );
    const chosen = new Map(rows.map((row) => [row.userId.toHexString(), row.channel]));
    return new Map(userIds.map((id) => [id, chosen.get(id) ?? DEFAULT_CHANNELS[kind]]));
  }

  async setPreference(userId: string, kind: NotificationKind, channel: NotificationChannel): Promise<void> {
    await this.preferences.set(new Types.ObjectId(userId), kind, channel, this.clock.now());
  }
}
