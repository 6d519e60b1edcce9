// Read-only access to reputation for other libs (privileges, flag weights, who to ask for help).
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { LedgerRepository } from './ledger/ledger.repository.js';
import { STARTING_REPUTATION } from './reputation.service.js';

@Injectable()
export class ReputationReader {
  constructor(private readonly ledger: LedgerRepository) {}

  async overall(userId: string): Promise<number> {
    return (await this.ledger.total(new Types.ObjectId(userId), null)) ?? STARTING_REPUTATION;
  }

  /** The users with the most reputation on a board, at least `minimum`, best first. */
  async topOnBoard(boardId: string, limit: number, minimum: number): Promise<{ userId: string; total: number }[]> {
    const rows = await this.ledger.topOnBoard(new Types.ObjectId(boardId), limit);
    return rows
      .filter((row) => row.total >= minimum)
      .map((row) => ({ userId: row.userId.toHexString(), total: row.total }));
  }
}
