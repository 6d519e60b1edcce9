import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum ClickFlag {
  /** Too many clicks from one address in a short time. */
  BURST = 'BURST',
  /** From an address the link's owner has signed in from. */
  OWNER_IP = 'OWNER_IP',
}

// Shard key (docs/sharding.md): random public ids spread clicks; conversions find theirs by it.
@Schema({ collection: 'referral_clicks', versionKey: false, shardKey: { publicId: 1 } })
export class ClickRecord {
  _id!: Types.ObjectId;

  /** The click id handed to the partner on the landing URL; random, not the ObjectId. */
  @Prop({ required: true })
  publicId!: string;

  @Prop({ type: Types.ObjectId, required: true })
  linkId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  campaignId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  partnerId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, default: null })
  postId!: Types.ObjectId | null;

  @Prop({ type: Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  /** From the visitor cookie (random, first-party). */
  @Prop({ required: true })
  visitorId!: string;

  @Prop({ required: true })
  ipHash!: string;

  @Prop({ required: true })
  userAgentHash!: string;

  @Prop({ type: [String], default: [] })
  flags!: ClickFlag[];

  @Prop({ required: true })
  at!: Date;
}

export const ClickSchema = SchemaFactory.createForClass(ClickRecord);
ClickSchema.index({ publicId: 1 }, { unique: true });
ClickSchema.index({ visitorId: 1, partnerId: 1, at: -1 });
ClickSchema.index({ campaignId: 1 });

/**
 * A visitor's current visit to one link: the click it counts as. `_id` is a hash of the link and
 * the visitor (cookie, or address and user agent without one), so concurrent clicks of one
 * visitor write the same document and meet in the transaction that decides (ClickService).
 */
@Schema({ collection: 'referral_visits', versionKey: false })
export class ClickVisitRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  publicId!: string;

  @Prop({ required: true })
  visitorId!: string;

  @Prop({ required: true })
  startedAt!: Date;
}

export const ClickVisitSchema = SchemaFactory.createForClass(ClickVisitRecord);
// A visit counts for half an hour; the engine drops it a while after.
ClickVisitSchema.index({ startedAt: 1 }, { expireAfterSeconds: 2 * 3600 });
