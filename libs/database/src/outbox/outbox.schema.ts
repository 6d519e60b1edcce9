// Events that must reach other processes (search indexing, notifications), written in the same
// transaction as the change they describe and relayed afterwards, at least once.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { type HydratedDocument, Schema as MongooseSchema } from 'mongoose';

@Schema({ collection: 'outbox', versionKey: false })
export class OutboxMessage {
  @Prop({ required: true })
  topic!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  payload!: Record<string, unknown>;

  @Prop({ required: true })
  createdAt!: Date;

  /** Not before this time: set in the future on retry, for backoff. */
  @Prop({ required: true })
  availableAt!: Date;

  @Prop({ default: 0 })
  attempts!: number;

  /** A relay that claimed the message holds it until then; a crashed relay's claim expires. */
  @Prop({ type: Date, default: null })
  lockedUntil!: Date | null;

  @Prop({ type: Date, default: null })
  processedAt!: Date | null;

  @Prop({ type: String, default: null })
  lastError!: string | null;

  /** Set when every attempt failed: kept for an operator to inspect and replay. */
  @Prop({ type: Date, default: null })
  deadLetteredAt!: Date | null;
}

export type OutboxMessageDocument = HydratedDocument<OutboxMessage>;
export const OutboxMessageSchema = SchemaFactory.createForClass(OutboxMessage);
OutboxMessageSchema.index({ processedAt: 1, availableAt: 1 });
