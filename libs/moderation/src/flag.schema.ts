// Flags raised by readers on posts, and how accurate each flagger has been.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum FlagReason {
  SPAM = 'SPAM',
  OFFENSIVE = 'OFFENSIVE',
  OFF_TOPIC = 'OFF_TOPIC',
  DUPLICATE = 'DUPLICATE',
  NEEDS_STAFF = 'NEEDS_STAFF',
  OTHER = 'OTHER',
}

export enum FlagStatus {
  OPEN = 'OPEN',
  HELPFUL = 'HELPFUL',
  DECLINED = 'DECLINED',
}

@Schema({ collection: 'flags', versionKey: false })
export class FlagRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  postId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  flaggerId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(FlagReason), required: true })
  reason!: FlagReason;

  @Prop({ type: String, default: null })
  note!: string | null;

  /** The flagger's weight when the flag was raised (see flag-weight.ts). */
  @Prop({ required: true })
  weight!: number;

  /** Whether the flag counts toward hiding the post at once: a new user's only queues it for review. */
  @Prop({ type: Boolean, default: true })
  countsTowardHiding!: boolean;

  @Prop({ type: String, enum: Object.values(FlagStatus), default: FlagStatus.OPEN })
  status!: FlagStatus;

  @Prop({ type: Types.ObjectId, default: null })
  resolvedBy!: Types.ObjectId | null;

  @Prop({ type: Date, default: null })
  resolvedAt!: Date | null;

  @Prop({ required: true })
  createdAt!: Date;
}

export const FlagSchema = SchemaFactory.createForClass(FlagRecord);
// One open flag per user per post.
FlagSchema.index({ postId: 1, flaggerId: 1 }, { unique: true, partialFilterExpression: { status: 'OPEN' } });
FlagSchema.index({ boardId: 1, status: 1, createdAt: 1 });
FlagSchema.index({ postId: 1, status: 1 });
FlagSchema.index({ flaggerId: 1, createdAt: -1 });

@Schema({ collection: 'flagger_stats', versionKey: false })
export class FlaggerStats {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ default: 0 })
  helpful!: number;

  @Prop({ default: 0 })
  declined!: number;
}

export const FlaggerStatsSchema = SchemaFactory.createForClass(FlaggerStats);
FlaggerStatsSchema.index({ userId: 1 }, { unique: true });
