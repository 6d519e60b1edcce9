// Imported badges, for importers (insert what is missing; ids come from the source), profiles
// (a user's badges) and the user export (how many each user holds on some boards).
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model, Types } from 'mongoose';
import { presentIds } from '@helpboard/database';
import { BadgeKind } from '../badges/badge.schema.js';
import { ImportedBadgeRecord } from './imported-badge.schema.js';

/** Stack Exchange badge names that mean what one of ours means. */
const MATCHING: Record<string, BadgeKind> = {
  'Good Answer': BadgeKind.GOOD_ANSWER,
  'Great Answer': BadgeKind.GREAT_ANSWER,
  'Popular Question': BadgeKind.POPULAR_QUESTION,
};

export type ImportedBadge = Omit<ImportedBadgeRecord, 'matches'>;

@Injectable()
export class ImportedBadgesService {
  constructor(@InjectModel(ImportedBadgeRecord.name) private readonly badges: Model<ImportedBadgeRecord>) {}

  /** Inserts the badges not imported yet; returns how many were added. */
  async addMissing(badges: ImportedBadge[], session: ClientSession): Promise<number> {
    const existing = await presentIds(
      this.badges,
      badges.map((b) => b._id),
      session,
    );
    const fresh = badges
      .filter((b) => !existing.has(b._id.toHexString()))
      .map((b): ImportedBadgeRecord => ({ ...b, matches: b.isTagBased ? null : (MATCHING[b.name] ?? null) }));
    if (fresh.length > 0) await this.badges.insertMany(fresh, { session, ordered: false, lean: true });
    return fresh.length;
  }

  /** A user's imported badges, newest first, on one board or all. */
  of(userId: Types.ObjectId, boardId: Types.ObjectId | null, limit: number): Promise<ImportedBadgeRecord[]> {
    return this.badges
      .find({ userId, ...(boardId ? { boardId } : {}) })
      .sort({ awardedAt: -1, _id: -1 })
      .limit(limit)
      .lean<ImportedBadgeRecord[]>()
      .exec();
  }

  /** Per user (hex id), how many imported badges they hold on these boards. */
  async countsOn(
    userIds: readonly Types.ObjectId[],
    boardIds: readonly Types.ObjectId[],
  ): Promise<Map<string, number>> {
    const rows = await this.badges
      .aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: { userId: { $in: userIds }, boardId: { $in: boardIds } } },
        { $group: { _id: '$userId', n: { $sum: 1 } } },
      ])
      .exec();
    return new Map(rows.map((row) => [row._id.toHexString(), row.n]));
  }
}
