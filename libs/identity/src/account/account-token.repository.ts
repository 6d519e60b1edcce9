import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model, Types } from 'mongoose';
import { AccountTokenPurpose, AccountTokenRecord } from './account-token.schema.js';

@Injectable()
export class AccountTokenRepository {
  constructor(@InjectModel(AccountTokenRecord.name) private readonly tokens: Model<AccountTokenRecord>) {}

  async insert(token: Omit<AccountTokenRecord, '_id'>): Promise<void> {
    await this.tokens.create(token);
  }

  /** The unused, unexpired token with this hash, without spending it (the GET of a link). */
  findUsable(tokenHash: string, purpose: AccountTokenPurpose, now: Date): Promise<AccountTokenRecord | null> {
    return this.tokens
      .findOne({ tokenHash, purpose, usedAt: null, expiresAt: { $gt: now } })
      .lean<AccountTokenRecord>()
      .exec();
  }

  /** Spends the token in one atomic step: of two parallel uses, exactly one gets it. */
  consume(
    tokenHash: string,
    purpose: AccountTokenPurpose,
    now: Date,
    tx: ClientSession,
  ): Promise<AccountTokenRecord | null> {
    return this.tokens
      .findOneAndUpdate(
        { tokenHash, purpose, usedAt: null, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
        { returnDocument: 'after', session: tx },
      )
      .lean<AccountTokenRecord>()
      .exec();
  }

  /** Retires the user's other open links of a purpose (a reset used ends every reset link). */
  async retireAll(userId: Types.ObjectId, purpose: AccountTokenPurpose, now: Date, tx: ClientSession): Promise<void> {
    await this.tokens.updateMany({ userId, purpose, usedAt: null }, { $set: { usedAt: now } }, { session: tx });
  }
}
