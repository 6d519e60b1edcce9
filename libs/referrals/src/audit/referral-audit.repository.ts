import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { ReferralAuditEntry } from './referral-audit.schema.js';

export type AuditInput = Omit<ReferralAuditEntry, '_id' | 'actorId' | 'from' | 'to' | 'reason'> & {
  actorId?: string | null;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
};

@Injectable()
export class ReferralAuditRepository {
  constructor(@InjectModel(ReferralAuditEntry.name) private readonly entries: Model<ReferralAuditEntry>) {}

  async record(session: ClientSession, entries: AuditInput[]): Promise<void> {
    if (entries.length === 0) return;
    await this.entries.insertMany(
      entries.map((entry) => ({
        ...entry,
        from: entry.from ?? null,
        to: entry.to ?? null,
        reason: entry.reason ?? null,
        actorId: entry.actorId ? new Types.ObjectId(entry.actorId) : null,
      })),
      { session },
    );
  }

  forEntity(entityType: ReferralAuditEntry['entityType'], entityId: Types.ObjectId): Promise<ReferralAuditEntry[]> {
    return this.entries.find({ entityType, entityId }).sort({ at: 1, _id: 1 }).lean<ReferralAuditEntry[]>().exec();
  }
}
