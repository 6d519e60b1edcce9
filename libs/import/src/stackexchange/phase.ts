// One pass over one dump table, applied batch by batch inside a transaction.
import type { Types } from 'mongoose';
import type { TransactionContext } from '@helpboard/database';
import type { DumpRow } from './dump-file.js';
import { BadValue, type SourceIds } from './dump-values.js';

export interface BatchContext {
  tx: TransactionContext;
  ids: SourceIds;
  boardId: Types.ObjectId;
  /** Author of content whose user the dump does not have (deleted accounts). */
  ghostId: Types.ObjectId;
  problem(line: number, message: string): void;
}

export interface BatchResult {
  added: number;
  /** Rows of kinds Helpboard has no equivalent for (tag wikis, favourites, close votes…). */
  ignored: number;
  /** Ledger entries written (votes, accepts and bounties move reputation). */
  reputationEntries?: number;
}

export interface Phase {
  name: string;
  table: string;
  /** A missing optional table is reported and skipped; a missing required one too, but louder. */
  required: boolean;
  /**
   * Rows per batch (one transaction) unless the caller says otherwise: what a batch moves besides
   * its rows (post tallies, totals and leaderboard rows of the users it touches) is shared by
   * more rows in a larger one, and votes are light.
   */
  batchSize: number;
  apply(rows: DumpRow[], context: BatchContext): Promise<BatchResult>;
}

export interface Mapped<T> {
  line: number;
  item: T;
}

/** Maps rows, reporting those with bad values; `null` from `map` means "not ours to import". */
export function mapRows<T>(
  rows: DumpRow[],
  context: BatchContext,
  map: (attributes: Record<string, string>) => T | null,
): { mapped: Mapped<T>[]; ignored: number } {
  const mapped: Mapped<T>[] = [];
  let ignored = 0;
  for (const row of rows) {
    try {
      const item = map(row.attributes);
      if (item === null) ignored += 1;
      else mapped.push({ line: row.line, item });
    } catch (error) {
      if (!(error instanceof BadValue)) throw error;
      context.problem(row.line, error.message);
    }
  }
  return { mapped, ignored };
}

/** Reports the rows whose reference did not resolve (nothing of them was written). */
export function reportDangling<T extends { id: Types.ObjectId }>(
  mapped: Mapped<T>[],
  dangling: Types.ObjectId[],
  context: BatchContext,
  message: (item: T) => string,
): void {
  const missing = new Set(dangling.map((id) => id.toHexString()));
  for (const { line, item } of mapped) if (missing.has(item.id.toHexString())) context.problem(line, message(item));
}
