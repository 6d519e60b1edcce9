// Totals and leaderboard periods moved by a whole batch of imported ledger entries at once: the
// rows of every scope are read in one query, then the missing ones are inserted in one command
// and the others incremented by _id in another, instead of an upsert per row (an upsert has to
// find its row by a compound key, which a bulk write of thousands makes the costly part).
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { ReputationPeriodTotal, ReputationTotal, type TotalScope } from '../ledger/reputation-entry.schema.js';

/** A scope's totals start from this when a user has none yet (overall: the starting reputation). */
export interface ScopeStart {
  scope: TotalScope;
  initial: number;
}

const hex = (id: Types.ObjectId | null) => id?.toHexString() ?? '-';
const scopeKey = (userId: string, scope: TotalScope) => `${userId}|${hex(scope.operatorId)}|${hex(scope.boardId)}`;

interface RowChange<T> {
  id: Types.ObjectId | undefined;
  delta: number;
  fresh: () => T;
}

@Injectable()
export class ImportedProjectionsRepository {
  constructor(
    @InjectModel(ReputationTotal.name) private readonly totals: Model<ReputationTotal>,
    @InjectModel(ReputationPeriodTotal.name) private readonly periods: Model<ReputationPeriodTotal>,
  ) {}

  /** Users' totals in each scope, keyed `userId|operatorId|boardId` (hex, `-` for none). */
  async totalsIn(
    userIds: readonly Types.ObjectId[],
    scopes: readonly TotalScope[],
    session: ClientSession,
  ): Promise<Map<string, ReputationTotal>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.totals
      .find({ userId: { $in: userIds }, $or: scopes.map((s) => ({ operatorId: s.operatorId, boardId: s.boardId })) })
      .session(session)
      .lean<ReputationTotal[]>()
      .exec();
    return new Map(rows.map((row) => [scopeKey(hex(row.userId), row), row]));
  }

  /** Adds each user's delta (by hex id) to their total in every scope; `existing` from totalsIn. */
  async addToTotals(
    deltas: Map<string, number>,
    scopes: readonly ScopeStart[],
    existing: Map<string, ReputationTotal>,
    session: ClientSession,
  ): Promise<void> {
    const changes = [...deltas].flatMap(([userId, delta]) =>
      scopes.map(({ scope, initial }): RowChange<ReputationTotal> => ({
        id: existing.get(scopeKey(userId, scope))?._id,
        delta,
        fresh: () => ({
          _id: new Types.ObjectId(),
          userId: new Types.ObjectId(userId),
          ...scope,
          total: initial + delta,
        }),
      })),
    );
    await this.apply(this.totals, changes, session);
  }

  /** Adds deltas to leaderboard period rows (`key` from periodKeysOf), creating missing ones. */
  async addToPeriods(
    deltas: readonly { key: string; userId: Types.ObjectId; delta: number }[],
    session: ClientSession,
  ): Promise<void> {
    if (deltas.length === 0) return;
    const rows = await this.periods
      .find(
        { key: { $in: [...new Set(deltas.map((d) => d.key))] }, userId: { $in: deltas.map((d) => d.userId) } },
        { key: 1, userId: 1 },
      )
      .session(session)
      .lean<Pick<ReputationPeriodTotal, '_id' | 'key' | 'userId'>[]>()
      .exec();
    const found = new Map(rows.map((row) => [`${row.key}|${hex(row.userId)}`, row._id]));
    await this.apply(
      this.periods,
      deltas.map(({ key, userId, delta }): RowChange<ReputationPeriodTotal> => ({
        id: found.get(`${key}|${hex(userId)}`),
        delta,
        fresh: () => ({ _id: new Types.ObjectId(), key, userId, total: delta }),
      })),
      session,
    );
  }

  /** One insert of the new rows (lean: built here, nothing to cast) and one bulk increment by _id. */
  private async apply<T extends { total: number }>(
    model: Model<T>,
    changes: RowChange<T>[],
    session: ClientSession,
  ): Promise<void> {
    const fresh = changes.filter((c) => !c.id).map((c) => c.fresh());
    if (fresh.length > 0) await model.insertMany(fresh, { session, ordered: false, lean: true });
    const updates = changes.filter((c) => c.id && c.delta !== 0);
    if (updates.length > 0)
      await model.bulkWrite(
        updates.map((c) => ({ updateOne: { filter: { _id: c.id }, update: { $inc: { total: c.delta } } } })) as never,
        { session, ordered: false },
      );
  }
}
