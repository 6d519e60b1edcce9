// Mail already handed to the transport, by stable message id: the outbox delivers at least once,
// and this keeps a redelivered message from reaching the inbox twice.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

@Schema({ collection: 'sent_mail', versionKey: false })
export class SentMailRecord {
  _id!: Types.ObjectId;

  @Prop({ required: true })
  messageId!: string;

  @Prop({ type: Types.ObjectId, required: true })
  recipientId!: Types.ObjectId;

  @Prop({ required: true })
  sentAt!: Date;
}

export const SentMailSchema = SchemaFactory.createForClass(SentMailRecord);
SentMailSchema.index({ messageId: 1 }, { unique: true });
