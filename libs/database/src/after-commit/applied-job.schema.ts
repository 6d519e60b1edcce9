// One row per after-commit job that has been applied, keyed by its event: a job delivered again
// (a retry after a crash, a second instance) finds its row and does nothing.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Deliveries stop long before this (the relay dead-letters within minutes); then rows may go. */
const KEPT_SECONDS = 14 * 24 * 3600;

@Schema({ collection: 'applied_jobs', versionKey: false })
export class AppliedJob {
  /** `<topic>:<eventId>`. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  appliedAt!: Date;
}

export const AppliedJobSchema = SchemaFactory.createForClass(AppliedJob);
AppliedJobSchema.index({ appliedAt: 1 }, { expireAfterSeconds: KEPT_SECONDS });
