// Every change of money state (and of who may sign webhooks) is an entry: what, from, to, why, by whom.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

@Schema({ collection: 'referral_audit', versionKey: false })
export class ReferralAuditEntry {
  _id!: Types.ObjectId;

  @Prop({ required: true })
  entityType!: 'partner' | 'campaign' | 'commission' | 'conversion' | 'payout';

  @Prop({ type: Types.ObjectId, required: true })
  entityId!: Types.ObjectId;

  @Prop({ required: true })
  action!: string;

  @Prop({ type: String, default: null })
  from!: string | null;

  @Prop({ type: String, default: null })
  to!: string | null;

  @Prop({ type: String, default: null })
  reason!: string | null;

  /** Null: the system (a job, a partner's webhook, a moderation event). */
  @Prop({ type: Types.ObjectId, default: null })
  actorId!: Types.ObjectId | null;

  @Prop({ required: true })
  at!: Date;
}

export const ReferralAuditSchema = SchemaFactory.createForClass(ReferralAuditEntry);
ReferralAuditSchema.index({ entityType: 1, entityId: 1, at: 1 });
