// Bounties: reputation offered on a question to attract answers (SE rules: 50–500, paid up front,
// awarded within 7 days; unawarded, half goes to the best new answer with score >= 2, else lost).
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum BountyStatus {
  OPEN = 'OPEN',
  AWARDED = 'AWARDED',
  AUTO_AWARDED = 'AUTO_AWARDED',
  EXPIRED = 'EXPIRED',
}

@Schema({ collection: 'bounties', versionKey: false })
export class BountyRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  starterId!: Types.ObjectId;

  @Prop({ required: true })
  amount!: number;

  @Prop({ required: true })
  startedAt!: Date;

  @Prop({ required: true })
  endsAt!: Date;

  @Prop({ type: String, enum: Object.values(BountyStatus), default: BountyStatus.OPEN })
  status!: BountyStatus;

  @Prop({ type: Types.ObjectId, default: null })
  awardedAnswerId!: Types.ObjectId | null;

  /** Open bounties carry the thread id here too, so one open bounty per thread is a unique key. */
  @Prop({ type: Types.ObjectId, default: null })
  openThreadId!: Types.ObjectId | null;
}

export const BountySchema = SchemaFactory.createForClass(BountyRecord);
BountySchema.index(
  { openThreadId: 1 },
  { unique: true, partialFilterExpression: { openThreadId: { $type: 'objectId' } } },
);
BountySchema.index({ status: 1, endsAt: 1 });
BountySchema.index({ threadId: 1, startedAt: -1 });
