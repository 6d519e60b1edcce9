// Per operator, user and calendar period (and all time): what makes someone influential there.
// Counted as facts happen; reputation gained is read from the reputation lib's period totals.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

@Schema({ collection: 'influence_stats', versionKey: false })
export class InfluenceStat {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  /** `ALL`, or a calendar period key (`W2026-14`, `M2026-04`, `Y2026`). */
  @Prop({ required: true })
  period!: string;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** Views of threads, counted for each of their answerers from their first answer on. */
  @Prop({ type: Number, default: 0 })
  answerViews!: number;

  @Prop({ type: Number, default: 0 })
  answers!: number;

  @Prop({ type: Number, default: 0 })
  acceptedAnswers!: number;

  /** People who started following a thread the user had answered. */
  @Prop({ type: Number, default: 0 })
  followers!: number;
}

export const InfluenceStatSchema = SchemaFactory.createForClass(InfluenceStat);
InfluenceStatSchema.index({ operatorId: 1, period: 1, userId: 1 }, { unique: true });
for (const measure of ['answerViews', 'acceptedAnswers', 'followers']) {
  InfluenceStatSchema.index({ operatorId: 1, period: 1, [measure]: -1, userId: 1 });
}
