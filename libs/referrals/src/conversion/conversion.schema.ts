import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum ConversionFlag {
  /** Reported with a code but no click within the window. */
  NO_CLICK = 'NO_CLICK',
  /** The attributed click came from an address the link's owner signs in from. */
  OWNER_IP = 'OWNER_IP',
}

@Schema({ collection: 'referral_conversions', versionKey: false })
export class ConversionRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  partnerId!: Types.ObjectId;

  @Prop({ required: true })
  externalId!: string;

  @Prop({ type: Types.ObjectId, default: null })
  campaignId!: Types.ObjectId | null;

  @Prop({ type: Types.ObjectId, default: null })
  linkId!: Types.ObjectId | null;

  @Prop({ type: Types.ObjectId, default: null })
  clickId!: Types.ObjectId | null;

  @Prop({ type: Types.ObjectId, default: null })
  postId!: Types.ObjectId | null;

  @Prop({ type: Types.ObjectId, default: null })
  ownerId!: Types.ObjectId | null;

  @Prop({ type: Number, default: null })
  reportedAmountMinor!: number | null;

  @Prop({ type: String, default: null })
  reportedCurrency!: string | null;

  @Prop({ type: [String], default: [] })
  flags!: ConversionFlag[];

  @Prop({ type: Types.ObjectId, default: null })
  commissionId!: Types.ObjectId | null;

  @Prop({ required: true })
  occurredAt!: Date;

  @Prop({ required: true })
  receivedAt!: Date;

  @Prop({ type: Date, default: null })
  reversedAt!: Date | null;
}

export const ConversionSchema = SchemaFactory.createForClass(ConversionRecord);
// Idempotency: a partner's retry of the same conversion finds the first one.
ConversionSchema.index({ partnerId: 1, externalId: 1 }, { unique: true });
