import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { CommissionReason, CommissionStatus } from './commission-state-machine.js';

@Schema({ collection: 'referral_commissions', versionKey: false })
export class CommissionRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  conversionId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  campaignId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, default: null })
  postId!: Types.ObjectId | null;

  @Prop({ type: Types.ObjectId, required: true })
  linkId!: Types.ObjectId;

  /** The rep who earns it. */
  @Prop({ type: Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  @Prop({ required: true })
  amountMinor!: number;

  @Prop({ required: true })
  currency!: string;

  @Prop({ type: String, enum: Object.values(CommissionStatus), required: true })
  status!: CommissionStatus;

  @Prop({ type: String, enum: [...Object.values(CommissionReason), null], default: null })
  reason!: CommissionReason | null;

  /** Flagged for review (no click, the rep's own address): never approved by the job until cleared. */
  @Prop({ default: false })
  needsReview!: boolean;

  /** Set while moderation hides the post it came from. */
  @Prop({ type: Date, default: null })
  frozenAt!: Date | null;

  @Prop({ required: true })
  holdUntil!: Date;

  @Prop({ type: Types.ObjectId, default: null })
  payoutId!: Types.ObjectId | null;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const CommissionSchema = SchemaFactory.createForClass(CommissionRecord);
CommissionSchema.index({ conversionId: 1 }, { unique: true });
CommissionSchema.index({ status: 1, holdUntil: 1 });
CommissionSchema.index({ ownerId: 1, _id: -1 });
CommissionSchema.index({ postId: 1, status: 1 });
CommissionSchema.index({ campaignId: 1 });

/** Money taken back from a rep after payment: settled by the next payout. */
@Schema({ collection: 'referral_adjustments', versionKey: false })
export class AdjustmentRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  commissionId!: Types.ObjectId;

  /** Negative. */
  @Prop({ required: true })
  amountMinor!: number;

  @Prop({ required: true })
  currency!: string;

  @Prop({ type: Types.ObjectId, default: null })
  payoutId!: Types.ObjectId | null;

  @Prop({ required: true })
  createdAt!: Date;
}

export const AdjustmentSchema = SchemaFactory.createForClass(AdjustmentRecord);
AdjustmentSchema.index({ commissionId: 1 }, { unique: true });
AdjustmentSchema.index({ ownerId: 1, operatorId: 1, payoutId: 1 });
