import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { presentIds } from '@helpboard/database';
import { type ClientSession, type Model, Types } from 'mongoose';
import { ReputationEntry, type ReputationKind, ReputationTotal } from './reputation-entry.schema.js';

@Injectable()
export class LedgerRepository {
  constructor(
    @InjectModel(ReputationEntry.name) private readonly entries: Model<ReputationEntry>,
    @InjectModel(ReputationTotal.name) private readonly totals: Model<ReputationTotal>,
  ) {}

  async append(entry: Omit<ReputationEntry, '_id'>, session: ClientSession): Promise<void> {
    await this.entries.create([entry], { session });
  }

  /** Per user, what a source has given and not yet taken back. */
  async outstanding(
    source: string,
    session: ClientSession,
  ): Promise<{ userId: Types.ObjectId; boardId: Types.ObjectId; delta: number }[]> {
    const rows = await this.entries.find({ source }).session(session).lean<ReputationEntry[]>().exec();
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

  async voteGainOn(
    userId: Types.ObjectId,
    day: string,
    kinds: ReputationKind[],
    session: ClientSession,
  ): Promise<number> {
    const rows = await this.entries
      .find({ userId, day, kind: { $in: kinds }, delta: { $gt: 0 } })
      .session(session)
      .lean<ReputationEntry[]>()
      .exec();
    return rows.reduce((sum, row) => sum + row.delta, 0);
  }

  async total(userId: Types.ObjectId, boardId: Types.ObjectId | null, session?: ClientSession): Promise<number | null> {
    const row = await this.totals
      .findOne({ userId, boardId })
      .session(session ?? null)
      .lean<ReputationTotal>()
      .exec();
    return row?.total ?? null;
  }

  async addToTotal(
    userId: Types.ObjectId,
    boardId: Types.ObjectId | null,
    delta: number,
    initial: number,
    session: ClientSession,
  ): Promise<void> {
    const existing = await this.total(userId, boardId, session);
    if (existing === null) {
      await this.totals.create([{ userId, boardId, total: initial + delta }], { session });
    } else {
      await this.totals.updateOne({ userId, boardId }, { $inc: { total: delta } }, { session });
    }
  }

  totalsFor(
    userIds: readonly Types.ObjectId[],
    boardId: Types.ObjectId | null,
    session?: ClientSession,
  ): Promise<ReputationTotal[]> {
    return this.totals
      .find({ userId: { $in: userIds }, boardId })
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

  topOnBoard(boardId: Types.ObjectId, limit: number): Promise<ReputationTotal[]> {
    return this.totals
      .find({ boardId, total: { $gt: 0 } })
      .sort({ total: -1, userId: 1 })
      .limit(limit)
      .lean<ReputationTotal[]>()
      .exec();
  }

  async gainsOnBoardSince(
    boardId: Types.ObjectId,
    since: Date,
    limit: number,
  ): Promise<{ userId: Types.ObjectId; total: number }[]> {
    return this.entries
      .aggregate<{ _id: Types.ObjectId; total: number }>([
        { $match: { boardId, at: { $gte: since } } },
        { $group: { _id: '$userId', total: { $sum: '$delta' } } },
        { $match: { total: { $gt: 0 } } },
        { $sort: { total: -1, _id: 1 } },
        { $limit: limit },
      ])
      .exec()
      .then((rows) => rows.map((row) => ({ userId: row._id, total: row.total })));
  }

  history(userId: Types.ObjectId, limit: number): Promise<ReputationEntry[]> {
    return this.entries.find({ userId }).sort({ at: -1, _id: -1 }).limit(limit).lean<ReputationEntry[]>().exec();
  }

  /** Sums of the ledger per user and board, for verification against the projections. */
  async sumsByUserAndBoard(): Promise<{ userId: Types.ObjectId; boardId: Types.ObjectId; sum: number }[]> {
    const rows = await this.entries
      .aggregate<{ _id: { userId: Types.ObjectId; boardId: Types.ObjectId }; sum: number }>([
        { $group: { _id: { userId: '$userId', boardId: '$boardId' }, sum: { $sum: '$delta' } } },
      ])
      .exec();
    return rows.map((row) => ({ userId: row._id.userId, boardId: row._id.boardId, sum: row.sum }));
  }

  allTotals(): Promise<ReputationTotal[]> {
    return this.totals.find({}).lean<ReputationTotal[]>().exec();
  }

  existingEntryIds(ids: readonly Types.ObjectId[], session: ClientSession): Promise<Set<string>> {
    return presentIds(this.entries, ids, session);
  }

  async appendMany(entries: ReputationEntry[], session: ClientSession): Promise<void> {
    if (entries.length > 0) await this.entries.insertMany(entries, { session, ordered: true });
  }

  /** Per user and day, the positive vote reputation already recorded (for the daily cap). */
  async voteGains(
    userIds: readonly Types.ObjectId[],
    days: readonly string[],
    kinds: ReputationKind[],
    session: ClientSession,
  ): Promise<Map<string, number>> {
    const rows = await this.entries
      .aggregate<{ _id: { userId: Types.ObjectId; day: string }; sum: number }>([
        { $match: { userId: { $in: userIds }, day: { $in: days }, kind: { $in: kinds }, delta: { $gt: 0 } } },
        { $group: { _id: { userId: '$userId', day: '$day' }, sum: { $sum: '$delta' } } },
      ])
      .session(session)
      .exec();
    return new Map(rows.map((row) => [`${row._id.userId.toHexString()}|${row._id.day}`, row.sum]));
  }

  /** Adds deltas to many totals of one scope (a board, or overall with null), creating missing ones. */
  async addToTotals(
    deltas: Map<string, number>,
    boardId: Types.ObjectId | null,
    initial: number,
    session: ClientSession,
  ): Promise<void> {
    const userIds = [...deltas.keys()].map((id) => new Types.ObjectId(id));
    if (userIds.length === 0) return;
    // By _id: the engine then looks at just those documents of the transaction's own writes.
    const present = new Map(
      (await this.totalsFor(userIds, boardId, session)).map((t) => [t.userId.toHexString(), t._id]),
    );
    const changes = [...deltas].map(([userId, delta]) => ({ userId, delta, id: present.get(userId) }));
    // Inserts and updates apart: a bulk write sends one command per run of the same operation.
    const fresh = changes.filter((c) => !c.id);
    if (fresh.length > 0)
      await this.totals.insertMany(
        fresh.map((c) => ({ userId: new Types.ObjectId(c.userId), boardId, total: initial + c.delta })),
        { session, ordered: true },
      );
    const updates = changes.filter((c) => c.id);
    if (updates.length > 0)
      await this.totals.bulkWrite(
        updates.map((c) => ({ updateOne: { filter: { _id: c.id }, update: { $inc: { total: c.delta } } } })),
        { session, ordered: true },
      );
  }
}
