import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { CommissionKind, type CommissionRule } from '../money/commission-rule.js';

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  ENDED = 'ENDED',
}

@Schema({ collection: 'referral_campaigns', versionKey: false })
export class CampaignRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  partnerId!: Types.ObjectId;

  /** The partner's operator, copied for authorisation without a second read. */
  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  @Prop({ required: true })
  name!: string;

  /** Boards the campaign asks for; a board also has to allow it in its own settings. */
  @Prop({ type: [Types.ObjectId], required: true })
  boardIds!: Types.ObjectId[];

  @Prop({ required: true })
  landingUrl!: string;

  /** Lower-case host of the landing URL: how pasted partner links are recognised in posts. */
  @Prop({ required: true })
  landingHost!: string;

  @Prop({
    type: {
      kind: { type: String, enum: Object.values(CommissionKind) },
      amountMinor: Number,
      basisPoints: Number,
      currency: String,
    },
    _id: false,
    required: true,
  })
  commission!: CommissionRule;

  @Prop({ required: true })
  attributionWindowDays!: number;

  @Prop({ required: true })
  holdDays!: number;

  @Prop({ type: String, enum: Object.values(CampaignStatus), required: true })
  status!: CampaignStatus;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const CampaignSchema = SchemaFactory.createForClass(CampaignRecord);
CampaignSchema.index({ landingHost: 1, status: 1 });
CampaignSchema.index({ partnerId: 1 });
