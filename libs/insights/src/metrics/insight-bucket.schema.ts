// Pre-aggregated counters per scope (board, operator, board+tag) and time bucket (hour, day): the
// operator's numbers and the early-warning detector read these, never the posts.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { BucketGranularity } from './buckets.js';
import type { Counts, Histograms } from './metrics.js';

@Schema({ collection: 'insight_buckets', versionKey: false, minimize: false })
export class InsightBucket {
  _id!: Types.ObjectId;

  /** `b:<boardId>`, `o:<operatorId>` or `t:<boardId>:<tag>`. */
  @Prop({ required: true })
  scope!: string;

  @Prop({ type: String, enum: Object.values(BucketGranularity), required: true })
  granularity!: BucketGranularity;

  @Prop({ required: true })
  start!: Date;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, default: null })
  boardId!: Types.ObjectId | null;

  @Prop({ type: String, default: null })
  tag!: string | null;

  @Prop({ type: Object, default: {} })
  counts!: Counts;

  @Prop({ type: Object, default: {} })
  histograms!: Histograms;
}

export const InsightBucketSchema = SchemaFactory.createForClass(InsightBucket);
InsightBucketSchema.index({ scope: 1, granularity: 1, start: 1 }, { unique: true });
// The detector: this hour's active boards and tags.
InsightBucketSchema.index({ granularity: 1, start: 1 });
// Trending tags of a board.
InsightBucketSchema.index({ boardId: 1, granularity: 1, start: 1 });
