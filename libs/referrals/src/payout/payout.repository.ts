import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model, Types } from 'mongoose';
import { PayoutRecord } from './payout.schema.js';

@Injectable()
export class PayoutRepository {
  constructor(@InjectModel(PayoutRecord.name) private readonly payouts: Model<PayoutRecord>) {}

  async insert(payout: PayoutRecord, session: ClientSession): Promise<void> {
    await this.payouts.create([payout], { session });
  }

  forOwner(ownerId: Types.ObjectId): Promise<PayoutRecord[]> {
    return this.payouts.find({ ownerId }).sort({ createdAt: 1 }).lean<PayoutRecord[]>().exec();
  }
}
