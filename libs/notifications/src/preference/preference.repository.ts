import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { NotificationChannel, NotificationKind } from '../notification/notification-kind.js';
import { PreferenceRecord } from './preference.schema.js';

@Injectable()
export class PreferenceRepository {
  constructor(@InjectModel(PreferenceRecord.name) private readonly preferences: Model<PreferenceRecord>) {}

  ofUser(userId: Types.ObjectId): Promise<PreferenceRecord[]> {
    return this.preferences.find({ userId }).lean<PreferenceRecord[]>().exec();
  }

  ofUsers(userIds: readonly Types.ObjectId[], kind: NotificationKind): Promise<PreferenceRecord[]> {
    return this.preferences
      .find({ kind, userId: { $in: userIds } })
      .lean<PreferenceRecord[]>()
      .exec();
  }

  async set(userId: Types.ObjectId, kind: NotificationKind, channel: NotificationChannel, now: Date): Promise<void> {
    await this.preferences.updateOne({ userId, kind }, { $set: { channel, updatedAt: now } }, { upsert: true }).exec();
  }
}
