// Read-only access to reputation for other libs (privileges, flag weights, who to ask for help).
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { LedgerRepository } from './ledger/ledger.repository.js';
import { type PeriodKind, periodKey, periodOf } from './ledger/periods.js';
import { OVERALL } from './ledger/reputation-entry.schema.js';
import { reputationFromEarned, STARTING_REPUTATION } from './rules/starting-reputation.js';

@Injectable()
export class ReputationReader {
  constructor(private readonly ledger: LedgerRepository) {}

  /** Per user, reputation earned on these boards together (without the starting 1: a gain, not a standing). */
  async onBoards(boardIds: readonly Types.ObjectId[]): Promise<Map<string, number>> {
    const sums = new Map<string, number>();
    for (const total of await this.ledger.totalsOnBoards(boardIds))
      sums.set(total.userId.toHexString(), (sums.get(total.userId.toHexString()) ?? 0) + total.total);
    return sums;
  }

  /** These users' reputation on one board (author cards), in one query: 1 + what each earned there. */
  async usersOnBoard(boardId: Types.ObjectId, userIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.ledger.totalsOfUsersOnBoard(
      boardId,
      userIds.map((id) => new Types.ObjectId(id)),
    );
    const earned = new Map(rows.map((row) => [row.userId.toHexString(), row.total]));
    return new Map(userIds.map((id) => [id, reputationFromEarned(earned.get(id))]));
  }

  /** Per user, reputation gained on these boards together in the calendar period containing `at`. */
  async gainedOnBoards(boardIds: readonly Types.ObjectId[], kind: PeriodKind, at: Date): Promise<Map<string, number>> {
    const keys = boardIds.map((id) => periodKey(id.toHexString(), periodOf(kind, at)));
    const sums = new Map<string, number>();
    for (const row of await this.ledger.periodTotals(keys))
      sums.set(row.userId.toHexString(), (sums.get(row.userId.toHexString()) ?? 0) + row.total);
    return sums;
  }

  async overall(userId: string): Promise<number> {
    return (await this.ledger.total(new Types.ObjectId(userId), OVERALL)) ?? STARTING_REPUTATION;
  }

  /**
   * Reputation earned on one operator's boards, plus the starting point everyone has: privileges
   * on a carrier's boards are earned there, not bought with standing elsewhere.
   */
  async onOperator(userId: string, operatorId: Types.ObjectId): Promise<number> {
    return reputationFromEarned(await this.ledger.total(new Types.ObjectId(userId), { operatorId, boardId: null }));
  }

  /** The users with the most reputation on a board (1 + earned there), at least `minimum`, best first. */
  async topOnBoard(boardId: string, limit: number, minimum: number): Promise<{ userId: string; total: number }[]> {
    const rows = await this.ledger.topOnBoard(new Types.ObjectId(boardId), limit);
    return rows
      .map((row) => ({ userId: row.userId.toHexString(), total: reputationFromEarned(row.total) }))
      .filter((row) => row.total >= minimum);
  }

  /** The users who gained the most on a board in the calendar period containing `at`, best first. */
  async topInPeriod(
    boardId: string,
    kind: PeriodKind,
    at: Date,
    limit: number,
  ): Promise<{ userId: string; total: number }[]> {
    const rows = await this.ledger.topInPeriod(periodKey(boardId, periodOf(kind, at)), limit);
    return rows.map((row) => ({ userId: row.userId.toHexString(), total: row.total }));
  }
}
