// Read-only access to reputation for other libs (privileges, flag weights).
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { LedgerRepository } from './ledger/ledger.repository.js';
import { STARTING_REPUTATION } from './reputation.service.js';

@Injectable()
export class ReputationReader {
  constructor(private readonly ledger: LedgerRepository) {}

  /** Per user, reputation earned on these boards together. */
  async onBoards(boardIds: readonly Types.ObjectId[]): Promise<Map<string, number>> {
    const sums = new Map<string, number>();
    for (const total of await this.ledger.totalsOnBoards(boardIds))
      sums.set(total.userId.toHexString(), (sums.get(total.userId.toHexString()) ?? 0) + total.total);
    return sums;
  }

  async overall(userId: string): Promise<number> {
    return (await this.ledger.total(new Types.ObjectId(userId), null)) ?? STARTING_REPUTATION;
  }
}
