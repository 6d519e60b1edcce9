// A suspension on one operator's boards: an operator admin keeps a user from writing there
// (posting, voting, flagging, earning referral commissions) without touching the account,
// which other operators' boards and the platform still honour.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

@Schema({ collection: 'operator_suspensions', versionKey: false })
export class OperatorSuspensionRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** In force until then (null: until lifted). */
  @Prop({ type: Date, default: null })
  until!: Date | null;

  @Prop({ type: Date, default: null })
  liftedAt!: Date | null;

  @Prop({ required: true })
  reason!: string;

  @Prop({ required: true })
  at!: Date;
}

export const OperatorSuspensionSchema = SchemaFactory.createForClass(OperatorSuspensionRecord);
OperatorSuspensionSchema.index({ operatorId: 1, userId: 1 }, { unique: true });

export function isInForce(record: Pick<OperatorSuspensionRecord, 'until' | 'liftedAt'> | null, now: Date): boolean {
  return record !== null && record.liftedAt === null && (record.until === null || record.until > now);
}
