import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model } from 'mongoose';
import { OutboxMessage } from './outbox.schema.js';

@Injectable()
export class OutboxRepository {
  constructor(@InjectModel(OutboxMessage.name) private readonly messages: Model<OutboxMessage>) {}

  async append(
    session: ClientSession,
    entries: { topic: string; payload: Record<string, unknown> }[],
    now: Date,
  ): Promise<void> {
    if (entries.length === 0) return;
    await this.messages.insertMany(
      entries.map((entry) => ({ ...entry, createdAt: now, availableAt: now })),
      { session },
    );
  }

  /** Claims the oldest due message so that no other relay processes it at the same time. */
  async claimNext(now: Date, leaseMs: number): Promise<(OutboxMessage & { _id: unknown }) | null> {
    return this.messages
      .findOneAndUpdate(
        {
          processedAt: null,
          deadLetteredAt: null,
          availableAt: { $lte: now },
          $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }],
        },
        { $set: { lockedUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
        { sort: { availableAt: 1, _id: 1 }, returnDocument: 'after' },
      )
      .lean<OutboxMessage & { _id: unknown }>()
      .exec();
  }

  async markProcessed(id: unknown, now: Date): Promise<void> {
    await this.messages.updateOne({ _id: id }, { $set: { processedAt: now, lockedUntil: null } }).exec();
  }

  /** Gives a claimed message back as if it had not been claimed (its attempt does not count). */
  async release(id: unknown): Promise<void> {
    await this.messages.updateOne({ _id: id }, { $set: { lockedUntil: null }, $inc: { attempts: -1 } }).exec();
  }

  async scheduleRetry(id: unknown, availableAt: Date, error: string): Promise<void> {
    await this.messages.updateOne({ _id: id }, { $set: { availableAt, lockedUntil: null, lastError: error } }).exec();
  }

  async deadLetter(id: unknown, now: Date, error: string): Promise<void> {
    await this.messages
      .updateOne({ _id: id }, { $set: { deadLetteredAt: now, lockedUntil: null, lastError: error } })
      .exec();
  }

  async lag(topic: string): Promise<{ pending: number; oldest: Date | null; deadLettered: number }> {
    const [pending, oldest, deadLettered] = await Promise.all([
      this.messages.countDocuments({ topic, processedAt: null, deadLetteredAt: null }).exec(),
      this.messages
        .findOne({ topic, processedAt: null, deadLetteredAt: null })
        .sort({ createdAt: 1 })
        .lean<OutboxMessage>()
        .exec(),
      this.messages.countDocuments({ topic, deadLetteredAt: { $ne: null } }).exec(),
    ]);
    return { pending, oldest: oldest?.createdAt ?? null, deadLettered };
  }

  /** When the oldest undelivered message (any topic) was written; null when none waits. */
  async oldestPendingAt(): Promise<Date | null> {
    const oldest = await this.messages
      .findOne({ processedAt: null, deadLetteredAt: null }, { createdAt: 1 })
      .sort({ createdAt: 1 })
      .lean<OutboxMessage>()
      .exec();
    return oldest?.createdAt ?? null;
  }

  async countPending(): Promise<number> {
    return this.messages.countDocuments({ processedAt: null, deadLetteredAt: null }).exec();
  }
}
