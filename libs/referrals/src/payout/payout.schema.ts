import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

@Schema({ collection: 'referral_payouts', versionKey: false })
export class PayoutRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  @Prop({ required: true })
  currency!: string;

  /** Approved commissions plus (negative) adjustments, exactly. */
  @Prop({ required: true })
  totalMinor!: number;

  @Prop({ type: [Types.ObjectId], default: [] })
  commissionIds!: Types.ObjectId[];

  @Prop({ type: [Types.ObjectId], default: [] })
  adjustmentIds!: Types.ObjectId[];

  @Prop({ required: true })
  adjustmentsMinor!: number;

  @Prop({ type: Types.ObjectId, required: true })
  createdById!: Types.ObjectId;

  @Prop({ required: true })
  createdAt!: Date;
}

export const PayoutSchema = SchemaFactory.createForClass(PayoutRecord);
PayoutSchema.index({ ownerId: 1, createdAt: -1 });
