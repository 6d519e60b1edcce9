// Badges: earned automatically per board (by rules below), or granted by board staff (Official
// Expert, with an expiry). One row per award; the unique key makes awarding idempotent.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum BadgeKind {
  FIRST_ACCEPTED_ANSWER = 'FIRST_ACCEPTED_ANSWER',
  GOOD_ANSWER = 'GOOD_ANSWER',
  GREAT_ANSWER = 'GREAT_ANSWER',
  BOARD_EXPERT = 'BOARD_EXPERT',
  HELPFUL = 'HELPFUL',
  POPULAR_QUESTION = 'POPULAR_QUESTION',
  OFFICIAL_EXPERT = 'OFFICIAL_EXPERT',
}

export enum BadgeTier {
  BRONZE = 'BRONZE',
  SILVER = 'SILVER',
  GOLD = 'GOLD',
}

// Shard key (docs/sharding.md): a prefix of the unique badge index; profiles read a user's badges.
@Schema({ collection: 'badges', versionKey: false, shardKey: { userId: 1 } })
export class BadgeRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(BadgeKind), required: true })
  kind!: BadgeKind;

  @Prop({ type: String, enum: Object.values(BadgeTier), required: true })
  tier!: BadgeTier;

  /** The post a per-post badge is for (Good Answer); '' for per-board badges. */
  @Prop({ type: String, default: '' })
  subject!: string;

  @Prop({ required: true })
  awardedAt!: Date;

  /** Granted badges only. */
  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  @Prop({ type: String, default: null })
  reason!: string | null;

  @Prop({ type: Types.ObjectId, default: null })
  grantedBy!: Types.ObjectId | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;
}

export const BadgeSchema = SchemaFactory.createForClass(BadgeRecord);
BadgeSchema.index({ userId: 1, boardId: 1, kind: 1, tier: 1, subject: 1 }, { unique: true });
BadgeSchema.index({ boardId: 1, kind: 1, awardedAt: -1 });
