// The escalation ladder's state per question (one writer: this lib) and the steps taken, each
// once: the unique (thread, step) key means a restarted job can neither repeat nor lose a step.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum EscalationTier {
  /** Peers only, so far. */
  NONE = 'NONE',
  EXPERTS = 'EXPERTS',
  STAFF = 'STAFF',
  /** Converted into a private support case. */
  CASE = 'CASE',
}

@Schema({ collection: 'escalation_tracks', versionKey: false })
export class EscalationTrack {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  askerId!: Types.ObjectId;

  @Prop({ required: true })
  title!: string;

  @Prop({ required: true })
  askedAt!: Date;

  /** The asker wants help until an answer is accepted, not merely until one is posted. */
  @Prop({ type: Boolean, default: false })
  untilAccepted!: boolean;

  @Prop({ type: Boolean, default: false })
  hasAnswer!: boolean;

  @Prop({ type: String, enum: Object.values(EscalationTier), default: EscalationTier.NONE })
  tier!: EscalationTier;

  @Prop({ type: Date, default: null })
  escalatedAt!: Date | null;

  /** When the job should next look at it (the next rung's due time); null at the top. */
  @Prop({ type: Date, default: null })
  nextStepAt!: Date | null;

  /** The staff member who took the question (one at a time, so two people don't answer it twice). */
  @Prop({ type: Types.ObjectId, default: null })
  takenBy!: Types.ObjectId | null;

  @Prop({ type: Date, default: null })
  takenAt!: Date | null;

  /** Set when the question no longer needs escalating (answered, accepted, closed, hidden). */
  @Prop({ type: Date, default: null })
  settledAt!: Date | null;
}

export const EscalationTrackSchema = SchemaFactory.createForClass(EscalationTrack);
EscalationTrackSchema.index({ threadId: 1 }, { unique: true });
// The job's scan: unsettled questions whose next rung is due.
EscalationTrackSchema.index({ settledAt: 1, nextStepAt: 1 });
// The staff queue of a board.
EscalationTrackSchema.index({ boardId: 1, tier: 1, settledAt: 1, escalatedAt: 1, _id: 1 });

@Schema({ collection: 'escalation_steps', versionKey: false })
export class EscalationStep {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(EscalationTier), required: true })
  step!: EscalationTier;

  /** When the step was due by the board's settings (equal to `at` unless the job ran late). */
  @Prop({ required: true })
  dueAt!: Date;

  @Prop({ required: true })
  at!: Date;

  /** Why: the SLA (`SLA`), a NEEDS_STAFF flag, or the staff member's reason for a case. */
  @Prop({ required: true })
  reason!: string;

  /** Who took it (cases); null when the schedule did. */
  @Prop({ type: Types.ObjectId, default: null })
  actorId!: Types.ObjectId | null;
}

export const EscalationStepSchema = SchemaFactory.createForClass(EscalationStep);
EscalationStepSchema.index({ threadId: 1, step: 1 }, { unique: true });
