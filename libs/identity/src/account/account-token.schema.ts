// Single-use links we e-mail (finish a sign-up, reset a password, verify an address, confirm a new
// address). Only
// a hash of each token is stored, so a copy of the database cannot be used to take accounts over.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum AccountTokenPurpose {
  ResetPassword = 'RESET_PASSWORD',
  VerifyEmail = 'VERIFY_EMAIL',
  ChangeEmail = 'CHANGE_EMAIL',
  /** A sign-up waiting for its address to be proven: the account is created when the link is opened. */
  CompleteRegistration = 'COMPLETE_REGISTRATION',
}

/** What a sign-up asked for, kept until its link is opened (the password only as its argon2 hash). */
export interface PendingRegistration {
  handle: string;
  passwordHash: string;
  displayName: string;
  locale: 'en' | 'zh-CN';
}

/** How long each link works: a reset is urgent and powerful, a verification may wait a few days. */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  [AccountTokenPurpose.ResetPassword]: 60 * 60 * 1000,
  [AccountTokenPurpose.VerifyEmail]: 7 * 24 * 60 * 60 * 1000,
  [AccountTokenPurpose.ChangeEmail]: 24 * 60 * 60 * 1000,
  [AccountTokenPurpose.CompleteRegistration]: 24 * 60 * 60 * 1000,
};

@Schema({ collection: 'account_tokens', versionKey: false })
export class AccountTokenRecord {
  _id!: Types.ObjectId;

  @Prop({ required: true })
  tokenHash!: string;

  @Prop({ type: String, enum: Object.values(AccountTokenPurpose), required: true })
  purpose!: AccountTokenPurpose;

  /** The account's id (for a sign-up: the id the account will get when the link is opened). */
  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** The address the link was sent to (the new one for CHANGE_EMAIL): it is what the link proves. */
  @Prop({ required: true })
  email!: string;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  usedAt!: Date | null;

  /** Only for COMPLETE_REGISTRATION. */
  @Prop({ type: Object, default: null })
  registration?: PendingRegistration | null;
}

export const AccountTokenSchema = SchemaFactory.createForClass(AccountTokenRecord);
AccountTokenSchema.index({ tokenHash: 1 }, { unique: true });
AccountTokenSchema.index({ userId: 1, purpose: 1, usedAt: 1 });
// Expired links are removed by the engine a day after they stop working.
AccountTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 24 * 3600 });
