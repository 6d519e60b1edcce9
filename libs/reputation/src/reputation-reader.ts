// Read-only access to reputation for other libs (privileges, flag weights).
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
}
