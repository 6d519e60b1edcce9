import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { CampaignRecord, CampaignStatus } from './campaign.schema.js';

@Injectable()
export class CampaignRepository {
  constructor(@InjectModel(CampaignRecord.name) private readonly campaigns: Model<CampaignRecord>) {}

  async insert(campaign: CampaignRecord, session: ClientSession): Promise<void> {
    await this.campaigns.create([campaign], { session });
  }

  findById(id: Types.ObjectId, session?: ClientSession): Promise<CampaignRecord | null> {
    return this.campaigns
      .findById(id)
      .session(session ?? null)
      .lean<CampaignRecord>()
      .exec();
  }

  findByIds(ids: readonly Types.ObjectId[], session?: ClientSession): Promise<CampaignRecord[]> {
    return this.campaigns
      .find({ _id: { $in: ids } })
      .session(session ?? null)
      .lean<CampaignRecord[]>()
      .exec();
  }

  /** Campaigns whose landing pages live on these hosts (to recognise pasted partner links). */
  /** Active campaigns offered on any of these boards (the reps' desk), by name. */
  findActiveOnBoards(boardIds: readonly Types.ObjectId[]): Promise<CampaignRecord[]> {
    return this.campaigns
      .find({ boardIds: { $in: boardIds }, status: CampaignStatus.ACTIVE })
      .sort({ name: 1 })
      .limit(200)
      .lean<CampaignRecord[]>()
      .exec();
  }

  findByLandingHosts(hosts: readonly string[], session?: ClientSession): Promise<CampaignRecord[]> {
    return this.campaigns
      .find({ landingHost: { $in: hosts }, status: { $ne: CampaignStatus.ENDED } })
      .session(session ?? null)
      .lean<CampaignRecord[]>()
      .exec();
  }

  async setStatus(id: Types.ObjectId, status: CampaignStatus, now: Date, session: ClientSession): Promise<void> {
    await this.campaigns.updateOne({ _id: id }, { $set: { status, updatedAt: now } }, { session }).exec();
  }
}
