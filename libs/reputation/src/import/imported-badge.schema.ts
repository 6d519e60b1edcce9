// Badges a source site awarded (Stack Exchange's Badges.xml), kept as they were: name, class and
// date, with the source. They are not turned into Helpboard badges, which our own rules award
// from the imported posts and votes (a dump's "Good Answer" does not say which answer it was for,
// and awarding both would count it twice); `matches` names our badge of the same meaning.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import type { ImportOrigin } from '@helpboard/core';
import { BadgeKind, BadgeTier } from '../badges/badge.schema.js';

@Schema({ collection: 'imported_badges', versionKey: false })
export class ImportedBadgeRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  /** As the source named it ("Yearling", or a tag's name for tag badges). */
  @Prop({ required: true })
  name!: string;

  @Prop({ type: String, enum: Object.values(BadgeTier), required: true })
  tier!: BadgeTier;

  @Prop({ required: true })
  isTagBased!: boolean;

  /** Our badge of the same meaning, if any (informational). */
  @Prop({ type: String, enum: [...Object.values(BadgeKind), null], default: null })
  matches!: BadgeKind | null;

  @Prop({ required: true })
  awardedAt!: Date;

  @Prop({ type: Object, required: true })
  origin!: ImportOrigin;
}

export const ImportedBadgeSchema = SchemaFactory.createForClass(ImportedBadgeRecord);
ImportedBadgeSchema.index({ userId: 1, boardId: 1 });
