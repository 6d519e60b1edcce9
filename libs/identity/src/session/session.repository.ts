import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, Types } from 'mongoose';
import { RefreshTokenRecord, SessionEndReason, SessionRecord } from './session.schema.js';

@Injectable()
export class SessionRepository {
  constructor(
    @InjectModel(SessionRecord.name) private readonly sessions: Model<SessionRecord>,
    @InjectModel(RefreshTokenRecord.name) private readonly tokens: Model<RefreshTokenRecord>,
  ) {}

  async createSession(session: Omit<SessionRecord, '_id'>, tx?: ClientSession): Promise<SessionRecord> {
    const [created] = await this.sessions.create([session], { session: tx });
    return created.toObject();
  }

  findSession(id: string | Types.ObjectId): Promise<SessionRecord | null> {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return this.sessions.findById(id).lean<SessionRecord>().exec();
  }

  async insertToken(token: Omit<RefreshTokenRecord, '_id'>, tx?: ClientSession): Promise<void> {
    await this.tokens.create([token], { session: tx });
  }

  findTokenByHash(tokenHash: string, tx?: ClientSession): Promise<RefreshTokenRecord | null> {
    return this.tokens
      .findOne({ tokenHash })
      .session(tx ?? null)
      .lean<RefreshTokenRecord>()
      .exec();
  }

  /** Marks a token used only if nobody used it first; false means it was already used. */
  async markTokenUsed(id: Types.ObjectId, now: Date, tx?: ClientSession): Promise<boolean> {
    const result = await this.tokens.updateOne({ _id: id, usedAt: null }, { $set: { usedAt: now } }, { session: tx });
    return result.modifiedCount === 1;
  }

  async endSession(id: Types.ObjectId, reason: SessionEndReason, now: Date, tx?: ClientSession): Promise<void> {
    await this.sessions.updateOne(
      { _id: id, endedAt: null },
      { $set: { endedAt: now, endReason: reason } },
      { session: tx },
    );
  }

  /** Ends every open session of a user, except optionally the one making the request. */
  async endUserSessions(
    userId: Types.ObjectId,
    reason: SessionEndReason,
    now: Date,
    except?: Types.ObjectId,
    tx?: ClientSession,
  ): Promise<void> {
    await this.sessions.updateMany(
      { userId, endedAt: null, ...(except ? { _id: { $ne: except } } : {}) },
      { $set: { endedAt: now, endReason: reason } },
      { session: tx },
    );
  }

  /** The user's signed-in devices, newest first (bounded: a settings page lists them). */
  openSessionsOf(userId: Types.ObjectId, now: Date, limit = 50): Promise<SessionRecord[]> {
    return this.sessions
      .find({ userId, endedAt: null, expiresAt: { $gt: now } })
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean<SessionRecord[]>()
      .exec();
  }

  /**
   * When the user last signed in or refreshed a session (refresh tokens are issued at most every
   * 15 minutes of activity; their ObjectId carries the time), or null once their tokens expired.
   */
  async lastActivityOf(userId: Types.ObjectId): Promise<Date | null> {
    const latest = await this.tokens
      .findOne({ userId }, { _id: 1 })
      .sort({ _id: -1 })
      .lean<{ _id: Types.ObjectId }>()
      .exec();
    return latest?._id.getTimestamp() ?? null;
  }

  /** Whether the user ever signed in from this address (fraud checks on referral clicks). */
  async hasSessionFromIp(userId: Types.ObjectId, ip: string): Promise<boolean> {
    return (await this.sessions.exists({ userId, ip }).exec()) !== null;
  }
}
