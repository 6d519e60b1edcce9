import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { presentIds } from '@helpboard/database';
import { type ClientSession, type Model, Types } from 'mongoose';
import {
  ReputationEntry,
  type ReputationKind,
  ReputationPeriodTotal,
  ReputationTotal,
  type TotalScope,
} from './reputation-entry.schema.js';

@Injectable()
export class LedgerRepository {
  constructor(
    @InjectModel(ReputationEntry.name) private readonly entries: Model<ReputationEntry>,
    @InjectModel(ReputationTotal.name) private readonly totals: Model<ReputationTotal>,
    @InjectModel(ReputationPeriodTotal.name) private readonly periods: Model<ReputationPeriodTotal>,
  ) {}

  async append(entry: Omit<ReputationEntry, '_id'>, session: ClientSession): Promise<void> {
    await this.entries.create([entry], { session });
  }

  /** Per user, what a source has given and not yet taken back. */
  async outstanding(
    source: string,
    session: ClientSession,
    recipients?: readonly string[],
  ): Promise<{ userId: Types.ObjectId; boardId: Types.ObjectId; delta: number }[]> {
    const filter = recipients
      ? { source, userId: { $in: recipients.map((id) => new Types.ObjectId(id)) } }
      : { source };
    const rows = await this.entries.find(filter).session(session).lean<ReputationEntry[]>().exec();
    const byUser = new Map<string, { userId: Types.ObjectId; boardId: Types.ObjectId; delta: number }>();
    for (const row of rows) {
      const key = row.userId.toHexString();
      const current = byUser.get(key) ?? { userId: row.userId, boardId: row.boardId, delta: 0 };
      current.delta += row.delta;
      byUser.set(key, current);
    }
    return [...byUser.values()].filter((row) => row.delta !== 0);
  }

  /** Per source and user, the net of a post's entries, optionally only those with the given causes. */
  async netForPost(
    postId: Types.ObjectId,
    causes: string[] | null,
    session: ClientSession,
  ): Promise<{ source: string; userId: Types.ObjectId; delta: number }[]> {
    const filter = causes ? { postId, cause: { $in: causes } } : { postId };
    const rows = await this.entries.find(filter).session(session).lean<ReputationEntry[]>().exec();
    const net = new Map<string, { source: string; userId: Types.ObjectId; delta: number }>();
    for (const row of rows) {
      const key = `${row.source}|${row.userId.toHexString()}`;
      const current = net.get(key) ?? { source: row.source, userId: row.userId, delta: 0 };
      current.delta += row.delta;
      net.set(key, current);
    }
    return [...net.values()].filter((row) => row.delta !== 0);
  }

  /** A user's net vote reputation on a day (ups minus downs received, as applied), for the daily cap. */
  async voteGainOn(
    userId: Types.ObjectId,
    day: string,
    kinds: ReputationKind[],
    session: ClientSession,
  ): Promise<number> {
    const rows = await this.entries
      .find({ userId, day, kind: { $in: kinds } })
      .session(session)
      .lean<ReputationEntry[]>()
      .exec();
    return rows.reduce((sum, row) => sum + row.delta, 0);
  }

  async total(userId: Types.ObjectId, scope: TotalScope, session?: ClientSession): Promise<number | null> {
    const row = await this.totals
      .findOne({ userId, ...scope })
      .session(session ?? null)
      .lean<ReputationTotal>()
      .exec();
    return row?.total ?? null;
  }

  async addToTotal(
    userId: Types.ObjectId,
    scope: TotalScope,
    delta: number,
    initial: number,
    session: ClientSession,
  ): Promise<void> {
    const existing = await this.total(userId, scope, session);
    if (existing === null) {
      await this.totals.create([{ userId, ...scope, total: initial + delta }], { session });
    } else {
      await this.totals.updateOne({ userId, ...scope }, { $inc: { total: delta } }, { session });
    }
  }

  totalsFor(
    userIds: readonly Types.ObjectId[],
    scope: TotalScope,
    session?: ClientSession,
  ): Promise<ReputationTotal[]> {
    return this.totals
      .find({ userId: { $in: userIds }, ...scope })
      .session(session ?? null)
      .lean<ReputationTotal[]>()
      .exec();
  }

  totalsOnBoards(boardIds: readonly Types.ObjectId[]): Promise<ReputationTotal[]> {
    return this.totals
      .find({ boardId: { $in: boardIds } })
      .lean<ReputationTotal[]>()
      .exec();
  }

  totalsOfUsersOnBoard(boardId: Types.ObjectId, userIds: readonly Types.ObjectId[]): Promise<ReputationTotal[]> {
    return this.totals
      .find({ boardId, userId: { $in: userIds } })
      .lean<ReputationTotal[]>()
      .exec();
  }

  /** A user's totals on each board they earned on. */
  /** Every board a user has ledger entries on. */
  async boardsOfUser(userId: Types.ObjectId): Promise<Types.ObjectId[]> {
    return this.entries.distinct('boardId', { userId }).exec();
  }

  boardTotalsOfUser(userId: Types.ObjectId): Promise<ReputationTotal[]> {
    return this.totals
      .find({ userId, boardId: { $ne: null } })
      .lean<ReputationTotal[]>()
      .exec();
  }

  topOnBoard(boardId: Types.ObjectId, limit: number): Promise<ReputationTotal[]> {
    return this.totals
      .find({ boardId, total: { $gt: 0 } })
      .sort({ total: -1, userId: 1 })
      .limit(limit)
      .lean<ReputationTotal[]>()
      .exec();
  }

  /** Every user's total in these periods (`keys` from periodKey). */
  periodTotals(keys: readonly string[]): Promise<ReputationPeriodTotal[]> {
    return this.periods
      .find({ key: { $in: keys } })
      .lean<ReputationPeriodTotal[]>()
      .exec();
  }

  /** The period's top gainers (`key` from periodKey). */
  async topInPeriod(key: string, limit: number): Promise<{ userId: Types.ObjectId; total: number }[]> {
    const rows = await this.periods
      .find({ key, total: { $gt: 0 } })
      .sort({ total: -1, userId: 1 })
      .limit(limit)
      .lean<ReputationPeriodTotal[]>()
      .exec();
    return rows.map((row) => ({ userId: row.userId, total: row.total }));
  }

  /** A user's entries, newest first, optionally on one board, after a keyset position. */
  /** A user's entries, newest first, on one board or on any of several (null: all boards). */
  history(
    userId: Types.ObjectId,
    boards: Types.ObjectId | readonly Types.ObjectId[] | null,
    limit: number,
    after: { at: Date; id: Types.ObjectId } | null,
  ): Promise<ReputationEntry[]> {
    const boardFilter =
      boards === null ? {} : Array.isArray(boards) ? { boardId: { $in: boards } } : { boardId: boards };
    const filter: Record<string, unknown> = { userId, ...boardFilter };
    if (after) filter.$or = [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }];
    return this.entries.find(filter).sort({ at: -1, _id: -1 }).limit(limit).lean<ReputationEntry[]>().exec();
  }

  /** Sums of the ledger per user, board and UTC day, from which every projection is recomputed. */
  async dailySums(): Promise<
    { userId: Types.ObjectId; boardId: Types.ObjectId; operatorId: Types.ObjectId; day: string; sum: number }[]
  > {
    const rows = await this.entries
      .aggregate<{
        _id: { userId: Types.ObjectId; boardId: Types.ObjectId; operatorId: Types.ObjectId; day: string };
        sum: number;
      }>([
        {
          $group: {
            _id: { userId: '$userId', boardId: '$boardId', operatorId: '$operatorId', day: '$day' },
            sum: { $sum: '$delta' },
          },
        },
      ])
      .exec();
    return rows.map((row) => ({ ...row._id, sum: row.sum }));
  }

  allTotals(): Promise<ReputationTotal[]> {
    return this.totals.find({}).lean<ReputationTotal[]>().exec();
  }

  allPeriodTotals(): Promise<ReputationPeriodTotal[]> {
    return this.periods.find({}).lean<ReputationPeriodTotal[]>().exec();
  }

  /** Overwrites one projection row (reputation verify --fix). */
  async setTotal(userId: Types.ObjectId, scope: TotalScope, total: number): Promise<void> {
    await this.totals.updateOne({ userId, ...scope }, { $set: { total } }, { upsert: true });
  }

  async setPeriodTotal(key: string, userId: Types.ObjectId, total: number): Promise<void> {
    await this.periods.updateOne({ key, userId }, { $set: { total } }, { upsert: true });
  }

  existingEntryIds(ids: readonly Types.ObjectId[], session: ClientSession): Promise<Set<string>> {
    return presentIds(this.entries, ids, session);
  }

  /** Bulk imports: entries built whole by the importer, so inserted lean (no casting or validation). */
  async appendMany(entries: ReputationEntry[], session: ClientSession): Promise<void> {
    if (entries.length > 0) await this.entries.insertMany(entries, { session, ordered: false, lean: true });
  }

  /** Per user and day, the net vote reputation already recorded, downvotes included (for the daily cap). */
  async voteGains(
    userIds: readonly Types.ObjectId[],
    days: readonly string[],
    kinds: ReputationKind[],
    session: ClientSession,
  ): Promise<Map<string, number>> {
    const rows = await this.entries
      .aggregate<{ _id: { userId: Types.ObjectId; day: string }; sum: number }>([
        { $match: { userId: { $in: userIds }, day: { $in: days }, kind: { $in: kinds } } },
        { $group: { _id: { userId: '$userId', day: '$day' }, sum: { $sum: '$delta' } } },
      ])
      .session(session)
      .exec();
    return new Map(rows.map((row) => [`${row._id.userId.toHexString()}|${row._id.day}`, row.sum]));
  }

  /** Adds deltas to leaderboard period rows, creating missing ones, in one round trip. */
  async addToPeriods(
    deltas: { key: string; userId: Types.ObjectId; delta: number }[],
    session: ClientSession,
  ): Promise<void> {
    if (deltas.length === 0) return;
    await this.periods.bulkWrite(
      deltas.map(({ key, userId, delta }) => ({
        updateOne: { filter: { key, userId }, update: { $inc: { total: delta } }, upsert: true },
      })),
      { session, ordered: true },
    );
  }
}
