// Short links staff send customers through other channels (an SMS from a phone agent, an app
// push) to an answer on the board; every open is counted, so operators see calls deflected.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum ShareChannel {
  SMS = 'SMS',
  PHONE = 'PHONE',
  CHAT = 'CHAT',
  EMAIL = 'EMAIL',
  APP_PUSH = 'APP_PUSH',
  OTHER = 'OTHER',
}

@Schema({ collection: 'answer_shares', versionKey: false })
export class AnswerShareRecord {
  _id!: Types.ObjectId;

  /** The short code in `/s/<code>`. */
  @Prop({ required: true })
  code!: string;

  @Prop({ type: Types.ObjectId, required: true })
  answerId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(ShareChannel), required: true })
  channel!: ShareChannel;

  @Prop({ type: Types.ObjectId, required: true })
  sharedBy!: Types.ObjectId;

  @Prop({ type: Number, default: 0 })
  opens!: number;

  @Prop({ type: Date, default: null })
  lastOpenedAt!: Date | null;

  @Prop({ required: true })
  createdAt!: Date;
}

export const AnswerShareSchema = SchemaFactory.createForClass(AnswerShareRecord);
AnswerShareSchema.index({ code: 1 }, { unique: true });
// One link per answer, channel and staff member: sharing again returns the same link.
AnswerShareSchema.index({ answerId: 1, channel: 1, sharedBy: 1 }, { unique: true });
AnswerShareSchema.index({ boardId: 1, createdAt: -1, _id: -1 });
