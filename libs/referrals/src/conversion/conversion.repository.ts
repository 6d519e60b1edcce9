import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { ConversionRecord } from './conversion.schema.js';

@Injectable()
export class ConversionRepository {
  constructor(@InjectModel(ConversionRecord.name) private readonly conversions: Model<ConversionRecord>) {}

  async insert(conversion: ConversionRecord, session: ClientSession): Promise<void> {
    await this.conversions.create([conversion], { session });
  }

  findByExternalId(partnerId: Types.ObjectId, externalId: string, session?: ClientSession) {
    return this.conversions
      .findOne({ partnerId, externalId })
      .session(session ?? null)
      .lean<ConversionRecord>()
      .exec();
  }

  findById(id: Types.ObjectId, session?: ClientSession): Promise<ConversionRecord | null> {
    return this.conversions
      .findById(id)
      .session(session ?? null)
      .lean<ConversionRecord>()
      .exec();
  }

  async markReversed(id: Types.ObjectId, now: Date, session: ClientSession): Promise<void> {
    await this.conversions.updateOne({ _id: id, reversedAt: null }, { $set: { reversedAt: now } }, { session }).exec();
  }
}
