// A session is one sign-in on one device: a family of refresh tokens, each used once. Access
// tokens name their session, so ending it (logout, password change, token reuse) ends them too.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { type HydratedDocument, Types } from 'mongoose';

export enum SessionEndReason {
  Logout = 'LOGOUT',
  PasswordChanged = 'PASSWORD_CHANGED',
  PasswordReset = 'PASSWORD_RESET',
  TokenReused = 'TOKEN_REUSED',
  Suspended = 'SUSPENDED',
}

// Shard key (docs/sharding.md): every request reads its session by id.
@Schema({ collection: 'sessions', versionKey: false, shardKey: { _id: 'hashed' } })
export class SessionRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  endedAt!: Date | null;

  @Prop({ type: String, default: null })
  endReason!: SessionEndReason | null;

  @Prop({ type: String, default: null })
  userAgent!: string | null;

  @Prop({ type: String, default: null })
  ip!: string | null;
}

// Shard key (docs/sharding.md): tokens are random, so ranges spread; equals the unique index.
@Schema({ collection: 'refresh_tokens', versionKey: false, shardKey: { tokenHash: 1 } })
export class RefreshTokenRecord {
  _id!: Types.ObjectId;

  /** SHA-256 of the token: the token itself is never stored (it has 256 bits of entropy). */
  @Prop({ required: true })
  tokenHash!: string;

  @Prop({ type: Types.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ required: true })
  expiresAt!: Date;

  /** Set when rotated; presenting a used token again means it was stolen. */
  @Prop({ type: Date, default: null })
  usedAt!: Date | null;
}

export type SessionDocument = HydratedDocument<SessionRecord>;
export const SessionSchema = SchemaFactory.createForClass(SessionRecord);
SessionSchema.index({ userId: 1, endedAt: 1 });
SessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshTokenRecord);
RefreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
RefreshTokenSchema.index({ sessionId: 1 });
// A profile's coarse "last seen" (SessionRepository.lastActivityOf).
RefreshTokenSchema.index({ userId: 1, _id: -1 });
RefreshTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
