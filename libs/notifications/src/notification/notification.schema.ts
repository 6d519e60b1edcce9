// One notification for one recipient. `key` names the fact it reports (e.g. `answer:<id>`): the
// unique (recipient, key) pair makes delivery idempotent, so a redelivered event adds nothing.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import { NotificationChannel, NotificationKind } from './notification-kind.js';

// Shard key (docs/sharding.md): an inbox is one user's; a prefix of the unique (recipient, key) index.
@Schema({ collection: 'notifications', versionKey: false, shardKey: { recipientId: 1 } })
export class NotificationRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  recipientId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(NotificationKind), required: true })
  kind!: NotificationKind;

  @Prop({ required: true })
  key!: string;

  /** The channel chosen when it was created (EMAIL and DIGEST also send mail). */
  @Prop({ type: String, enum: Object.values(NotificationChannel), required: true })
  channel!: NotificationChannel;

  @Prop({ type: Types.ObjectId, default: null })
  boardId!: Types.ObjectId | null;

  @Prop({ type: Types.ObjectId, default: null })
  threadId!: Types.ObjectId | null;

  @Prop({ type: Types.ObjectId, default: null })
  postId!: Types.ObjectId | null;

  /** Who caused it (none for badges and escalations). */
  @Prop({ type: Types.ObjectId, default: null })
  actorId!: Types.ObjectId | null;

  /** Values for the localised text, captured when the fact happened (thread title, handles…). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  params!: Record<string, string>;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ type: Date, default: null })
  readAt!: Date | null;

  /** DIGEST notifications: when a digest included it. */
  @Prop({ type: Date, default: null })
  digestedAt!: Date | null;
}

export const NotificationSchema = SchemaFactory.createForClass(NotificationRecord);
NotificationSchema.index({ recipientId: 1, key: 1 }, { unique: true });
// The list, newest first, with or without the unread filter.
NotificationSchema.index({ recipientId: 1, createdAt: -1, _id: -1 });
NotificationSchema.index({ recipientId: 1, readAt: 1, createdAt: -1, _id: -1 });
// The digest job's scan of what is waiting.
NotificationSchema.index({ channel: 1, digestedAt: 1, recipientId: 1 });
