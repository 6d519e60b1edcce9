import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import { BoardVisibility } from '../permissions/board-permissions.js';
import { type BoardSettingsOverrides } from '../settings/board-settings.js';

export enum BoardKind {
  REGION = 'REGION',
  PRODUCT = 'PRODUCT',
  INTEREST = 'INTEREST',
  CAMPAIGN = 'CAMPAIGN',
}

@Schema({ collection: 'boards', versionKey: false })
export class BoardRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  /** Unique across operators: boards have stable public URLs (/b/slug). */
  @Prop({ required: true })
  slug!: string;

  @Prop({ required: true })
  title!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  @Prop({ type: String, enum: Object.values(BoardKind), required: true })
  kind!: BoardKind;

  @Prop({ type: String, default: null })
  region!: string | null;

  /** Suggested tags for questions on this board. */
  @Prop({ type: [String], default: [] })
  tags!: string[];

  @Prop({ type: String, enum: Object.values(BoardVisibility), default: BoardVisibility.PUBLIC })
  visibility!: BoardVisibility;

  /** Only what differs from the defaults (see board-settings.ts). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  settingsOverrides!: BoardSettingsOverrides;

  @Prop({ type: Date, default: null })
  archivedAt!: Date | null;

  @Prop({ type: Number, default: 0 })
  memberCount!: number;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const BoardSchema = SchemaFactory.createForClass(BoardRecord);
BoardSchema.index({ slug: 1 }, { unique: true });
// Board lists page by slug within an operator, optionally filtered by kind or region.
BoardSchema.index({ operatorId: 1, slug: 1 });
BoardSchema.index({ operatorId: 1, kind: 1, slug: 1 });
