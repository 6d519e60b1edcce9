import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { type HydratedDocument, Types } from 'mongoose';
import { type ImportOrigin, ORIGIN_PROP, PlatformRole } from '@helpboard/core';

export type UserLocale = 'en' | 'zh-CN';

@Schema({ collection: 'users', versionKey: false })
export class UserRecord {
  _id!: Types.ObjectId;

  /** Normalised (trimmed, lower-case). Absent for imported, unclaimed accounts. */
  @Prop({ type: String, default: null })
  email!: string | null;

  /** As the user typed it, for display. */
  /** When the user proved they read `email` (a verification, reset or change link); null until then. */
  @Prop({ type: Date, default: null })
  emailVerifiedAt!: Date | null;

  @Prop({ required: true })
  handle!: string;

  /** Lower-case handle: uniqueness is case-insensitive. */
  @Prop({ required: true })
  handleKey!: string;

  /** argon2id; null for accounts that cannot sign in (imported, unclaimed). */
  @Prop({ type: String, default: null })
  passwordHash!: string | null;

  @Prop({ required: true })
  displayName!: string;

  @Prop({ type: String, default: '' })
  bio!: string;

  @Prop({ type: String, default: 'en' })
  locale!: UserLocale;

  @Prop({ type: String, default: null })
  region!: string | null;

  @Prop({ type: String, default: null })
  avatarUrl!: string | null;

  @Prop({ type: String, enum: Object.values(PlatformRole), default: PlatformRole.User })
  platformRole!: PlatformRole;

  /** Set by moderation; while in the future the user may read but not write or sign in. */
  @Prop({ type: Date, default: null })
  suspendedUntil!: Date | null;

  /**
   * Moves whenever something a signed-in request derives for this user from outside this row
   * changes: a session ends, a notification arrives or is read, a board role or an operator's
   * administration is granted or removed, a thread is followed. Every signed-in request reads
   * this row anyway, so caches keyed by this number are current on every instance at once
   * (docs/speed.md).
   */
  @Prop({ type: Number, default: 0 })
  stateVersion?: number;

  /** Imported records: the source site and row id (see ImportOrigin); null otherwise. */
  @Prop(ORIGIN_PROP)
  origin?: ImportOrigin | null;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true })
  updatedAt!: Date;
}

export type UserDocument = HydratedDocument<UserRecord>;
export const UserSchema = SchemaFactory.createForClass(UserRecord);
UserSchema.index({ handleKey: 1 }, { unique: true });
UserSchema.index({ email: 1 }, { unique: true, partialFilterExpression: { email: { $type: 'string' } } });

/** `suspendedUntil` of a suspension with no end: it lasts until lifted (a date every check compares with). */
export const SUSPENDED_INDEFINITELY = new Date('9999-12-31T23:59:59.999Z');
