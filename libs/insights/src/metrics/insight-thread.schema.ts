// What the recorder remembers about each question so a fact is counted once and in the right
// bucket: when it was asked, its first (staff) answer, who resolved it, who answered, its views.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum ResolvedBy {
  PEER = 'PEER',
  STAFF = 'STAFF',
}

@Schema({ collection: 'insight_threads', versionKey: false })
export class InsightThread {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  askerId!: Types.ObjectId;

  @Prop({ required: true })
  askedAt!: Date;

  @Prop({ type: [String], default: [] })
  tags!: string[];

  @Prop({ type: Date, default: null })
  firstAnswerAt!: Date | null;

  @Prop({ type: Date, default: null })
  firstStaffAnswerAt!: Date | null;

  @Prop({ type: String, enum: [...Object.values(ResolvedBy), null], default: null })
  resolvedBy!: ResolvedBy | null;

  @Prop({ type: Date, default: null })
  resolvedAt!: Date | null;

  /** Authors of its answers: they share the thread's views (influencers). */
  @Prop({ type: [Types.ObjectId], default: [] })
  answererIds!: Types.ObjectId[];

  /** The view count last credited to the answerers. */
  @Prop({ type: Number, default: 0 })
  viewCount!: number;
}

export const InsightThreadSchema = SchemaFactory.createForClass(InsightThread);
InsightThreadSchema.index({ threadId: 1 }, { unique: true });
