// A user's choice of channel for one notification kind; kinds without a row use the defaults.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { NotificationChannel, NotificationKind } from '../notification/notification-kind.js';

@Schema({ collection: 'notification_preferences', versionKey: false })
export class PreferenceRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(NotificationKind), required: true })
  kind!: NotificationKind;

  @Prop({ type: String, enum: Object.values(NotificationChannel), required: true })
  channel!: NotificationChannel;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const PreferenceSchema = SchemaFactory.createForClass(PreferenceRecord);
PreferenceSchema.index({ userId: 1, kind: 1 }, { unique: true });
