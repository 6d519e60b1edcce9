// Early-warning alerts: one per board and subject (a tag, the whole board, a user) per episode.
// The unique key (board, subject, hour first seen) means a restarted or concurrent detector can
// never raise the same alert twice; later evidence within the cooldown joins the open alert.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum AlertKind {
  /** Many more questions on one tag this hour than its trailing baseline. */
  QUESTION_SPIKE = 'QUESTION_SPIKE',
  /** Many more negative posts (on a tag, or the board) than usual. */
  NEGATIVE_BURST = 'NEGATIVE_BURST',
  /** A user with high reputation on the operator, usually positive, posted something negative. */
  INFLUENTIAL_NEGATIVE = 'INFLUENTIAL_NEGATIVE',
}

@Schema({ _id: false })
export class AlertThread {
  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ required: true })
  title!: string;
}
const AlertThreadSchema = SchemaFactory.createForClass(AlertThread);

@Schema({ collection: 'insight_alerts', versionKey: false })
export class AlertRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(AlertKind), required: true })
  kind!: AlertKind;

  /** `tag:<tag>`, `board` or `user:<id>`: what the alert is about. */
  @Prop({ required: true })
  subject!: string;

  @Prop({ type: String, default: null })
  tag!: string | null;

  @Prop({ type: Types.ObjectId, default: null })
  userId!: Types.ObjectId | null;

  /** The hour the episode was first seen in. */
  @Prop({ required: true })
  hourStart!: Date;

  /** Every signal seen in the episode (a spike may turn into a negative burst). */
  @Prop({ type: [String], default: [] })
  signals!: AlertKind[];

  /** The count that tripped it (posts or questions in the hour) and the trailing hourly mean. */
  @Prop({ required: true })
  observed!: number;

  @Prop({ required: true })
  baseline!: number;

  @Prop({ type: [AlertThreadSchema], default: [] })
  threads!: AlertThread[];

  @Prop({ required: true })
  raisedAt!: Date;

  @Prop({ required: true })
  updatedAt!: Date;

  @Prop({ type: Date, default: null })
  acknowledgedAt!: Date | null;

  @Prop({ type: Types.ObjectId, default: null })
  acknowledgedBy!: Types.ObjectId | null;

  @Prop({ type: String, default: null })
  note!: string | null;
}

export const AlertSchema = SchemaFactory.createForClass(AlertRecord);
AlertSchema.index({ boardId: 1, subject: 1, hourStart: 1 }, { unique: true });
// Lists per board and per operator, newest first.
AlertSchema.index({ boardId: 1, raisedAt: -1, _id: -1 });
AlertSchema.index({ operatorId: 1, raisedAt: -1, _id: -1 });
