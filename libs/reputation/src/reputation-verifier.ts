// Recomputes every projection (totals overall, per operator and per board; leaderboard periods)
// from the ledger and compares it with what is stored: the ledger is the truth, the projections
// must match it exactly (zero drift). `fix` overwrites drifted rows with the recomputed value.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { LedgerRepository } from './ledger/ledger.repository.js';
import { periodKeysOf } from './ledger/periods.js';
import type { TotalScope } from './ledger/reputation-entry.schema.js';
import { STARTING_REPUTATION } from './rules/starting-reputation.js';

export interface Drift {
  userId: string;
  /** `overall`, `operator:<id>`, `board:<id>` or `period:<boardId>|<period>`. */
  projection: string;
  expected: number;
  stored: number | null;
}

interface Row {
  userId: Types.ObjectId;
  projection: string;
  expected: number;
  stored: number | null;
  /** Rewrites this row with the expected value. */
  fix(ledger: LedgerRepository): Promise<void>;
}

@Injectable()
export class ReputationVerifier {
  constructor(private readonly ledger: LedgerRepository) {}

  async verify(options: { fix?: boolean } = {}): Promise<{ checked: number; drifts: Drift[]; fixed: number }> {
    const rows = await this.recompute();
    const drifted = [...rows.values()].filter((row) => row.stored !== row.expected && !isUntouchedDefault(row));
    if (options.fix) for (const row of drifted) await row.fix(this.ledger);
    return {
      checked: rows.size,
      drifts: drifted.map(({ userId, projection, expected, stored }) => ({
        userId: userId.toHexString(),
        projection,
        expected,
        stored,
      })),
      fixed: options.fix ? drifted.length : 0,
    };
  }

  private async recompute(): Promise<Map<string, Row>> {
    const rows = new Map<string, Row>();
    const totalRow = (userId: Types.ObjectId, scope: TotalScope): Row => {
      const projection = scope.boardId
        ? `board:${scope.boardId.toHexString()}`
        : scope.operatorId
          ? `operator:${scope.operatorId.toHexString()}`
          : 'overall';
      const key = `${userId.toHexString()}|${projection}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          userId,
          projection,
          expected: projection === 'overall' ? STARTING_REPUTATION : 0,
          stored: null,
          fix: (ledger) => ledger.setTotal(userId, scope, row!.expected),
        };
        rows.set(key, row);
      }
      return row;
    };
    const periodRow = (userId: Types.ObjectId, periodKeyValue: string): Row => {
      const key = `${userId.toHexString()}|period:${periodKeyValue}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          userId,
          projection: `period:${periodKeyValue}`,
          expected: 0,
          stored: null,
          fix: (ledger) => ledger.setPeriodTotal(periodKeyValue, userId, row!.expected),
        };
        rows.set(key, row);
      }
      return row;
    };

    for (const sum of await this.ledger.dailySums()) {
      totalRow(sum.userId, { operatorId: null, boardId: null }).expected += sum.sum;
      totalRow(sum.userId, { operatorId: sum.operatorId, boardId: null }).expected += sum.sum;
      totalRow(sum.userId, { operatorId: sum.operatorId, boardId: sum.boardId }).expected += sum.sum;
      const at = new Date(`${sum.day}T00:00:00Z`);
      for (const key of periodKeysOf(sum.boardId.toHexString(), at)) periodRow(sum.userId, key).expected += sum.sum;
    }
    for (const total of await this.ledger.allTotals()) {
      totalRow(total.userId, { operatorId: total.operatorId, boardId: total.boardId }).stored = total.total;
    }
    for (const period of await this.ledger.allPeriodTotals())
      periodRow(period.userId, period.key).stored = period.total;
    return rows;
  }
}

/** A projection nobody ever wrote holds its starting value. */
function isUntouchedDefault(row: Row): boolean {
  return row.stored === null && row.expected === (row.projection === 'overall' ? STARTING_REPUTATION : 0);
}
