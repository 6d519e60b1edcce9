// The tone and urgency of each question, answer and comment, scored once when it is written.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum SignalPostKind {
  QUESTION = 'QUESTION',
  ANSWER = 'ANSWER',
  COMMENT = 'COMMENT',
}

@Schema({ collection: 'post_signals', versionKey: false })
export class PostSignal {
  _id!: Types.ObjectId;

  /** The question's, answer's or comment's id. */
  @Prop({ type: Types.ObjectId, required: true })
  postId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(SignalPostKind), required: true })
  kind!: SignalPostKind;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  authorId!: Types.ObjectId;

  /** The author's reputation on the operator when they wrote it (influential users). */
  @Prop({ type: Number, default: 0 })
  authorReputation!: number;

  @Prop({ type: String, enum: ['en', 'zh'], required: true })
  language!: 'en' | 'zh';

  @Prop({ required: true })
  sentiment!: number;

  @Prop({ type: Boolean, default: false })
  isNegative!: boolean;

  @Prop({ required: true })
  urgency!: number;

  @Prop({ type: [String], default: [] })
  urgentTerms!: string[];

  @Prop({ type: [String], default: [] })
  terms!: string[];

  /** The thread's tags when the post was written. */
  @Prop({ type: [String], default: [] })
  tags!: string[];

  @Prop({ required: true })
  at!: Date;
}

export const PostSignalSchema = SchemaFactory.createForClass(PostSignal);
PostSignalSchema.index({ postId: 1 }, { unique: true });
PostSignalSchema.index({ threadId: 1, at: 1 });
// Trending topics and the detector's evidence: a board's posts in a window.
PostSignalSchema.index({ boardId: 1, at: 1 });
PostSignalSchema.index({ isNegative: 1, at: 1 });
// An author's recent tone (influential users turning negative).
PostSignalSchema.index({ authorId: 1, operatorId: 1, at: -1 });
