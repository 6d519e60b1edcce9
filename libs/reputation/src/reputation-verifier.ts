// Recomputes every total from the ledger and compares it with the stored projections: the
// ledger is the truth, the totals must match it exactly (zero drift).
import { Injectable } from '@nestjs/common';
import { LedgerRepository } from './ledger/ledger.repository.js';
import { STARTING_REPUTATION } from './reputation.service.js';

export interface Drift {
  userId: string;
  boardId: string | null;
  expected: number;
  stored: number | null;
}

@Injectable()
export class ReputationVerifier {
  constructor(private readonly ledger: LedgerRepository) {}

  async verify(): Promise<{ checked: number; drifts: Drift[] }> {
    const expected = new Map<string, Drift>();
    const key = (userId: string, boardId: string | null) => `${userId}|${boardId ?? 'all'}`;
    for (const row of await this.ledger.sumsByUserAndBoard()) {
      const userId = row.userId.toHexString();
      const board = key(userId, row.boardId.toHexString());
      expected.set(board, { userId, boardId: row.boardId.toHexString(), expected: row.sum, stored: null });
      const overall = expected.get(key(userId, null)) ?? {
        userId,
        boardId: null,
        expected: STARTING_REPUTATION,
        stored: null,
      };
      overall.expected += row.sum;
      expected.set(key(userId, null), overall);
    }
    for (const total of await this.ledger.allTotals()) {
      const userId = total.userId.toHexString();
      const boardId = total.boardId?.toHexString() ?? null;
      const entry = expected.get(key(userId, boardId)) ?? {
        userId,
        boardId,
        expected: boardId ? 0 : STARTING_REPUTATION,
        stored: null,
      };
      entry.stored = total.total;
      expected.set(key(userId, boardId), entry);
    }
    const drifts = [...expected.values()].filter(
      (entry) =>
        entry.stored !== entry.expected &&
        !(entry.stored === null && entry.expected === (entry.boardId ? 0 : STARTING_REPUTATION)),
    );
    return { checked: expected.size, drifts };
  }
}
