import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { type PartnerSecret, PartnerRecord } from './partner.schema.js';

@Injectable()
export class PartnerRepository {
  constructor(@InjectModel(PartnerRecord.name) private readonly partners: Model<PartnerRecord>) {}

  async insert(partner: PartnerRecord, session: ClientSession): Promise<void> {
    await this.partners.create([partner], { session });
  }

  findById(id: Types.ObjectId, session?: ClientSession): Promise<PartnerRecord | null> {
    return this.partners
      .findById(id)
      .session(session ?? null)
      .lean<PartnerRecord>()
      .exec();
  }

  findByIds(ids: readonly Types.ObjectId[]): Promise<PartnerRecord[]> {
    return this.partners
      .find({ _id: { $in: ids } })
      .lean<PartnerRecord[]>()
      .exec();
  }

  async setSecrets(id: Types.ObjectId, secrets: PartnerSecret[], session: ClientSession): Promise<void> {
    await this.partners.updateOne({ _id: id }, { $set: { secrets } }, { session }).exec();
  }
}
