import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { ClickFlag, ClickRecord, ClickVisitRecord } from './click.schema.js';

export interface ClickCounts {
  key: string;
  clicks: number;
  uniqueVisitors: number;
}

@Injectable()
export class ClickRepository {
  constructor(
    @InjectModel(ClickRecord.name) private readonly clicks: Model<ClickRecord>,
    @InjectModel(ClickVisitRecord.name) private readonly visits: Model<ClickVisitRecord>,
  ) {}

  async insert(click: ClickRecord, session?: ClientSession): Promise<void> {
    await this.clicks.create([click], { session });
  }

  visitOf(key: string, session: ClientSession): Promise<ClickVisitRecord | null> {
    return this.visits.findOne({ _id: key }).session(session).lean<ClickVisitRecord>().exec();
  }

  /** Starts (or restarts, once the last has lapsed) a visitor's visit to a link. */
  async startVisit(visit: ClickVisitRecord, session: ClientSession): Promise<void> {
    const { _id, ...fields } = visit;
    await this.visits.updateOne({ _id }, { $set: fields }, { upsert: true, session });
  }

  findByPublicId(publicId: string, session?: ClientSession): Promise<ClickRecord | null> {
    return this.clicks
      .findOne({ publicId })
      .session(session ?? null)
      .lean<ClickRecord>()
      .exec();
  }

  /** Last click wins: the latest by a visitor on any of the partner's links within [from, to]. */
  lastOfVisitor(
    visitorId: string,
    partnerId: Types.ObjectId,
    from: Date,
    to: Date,
    session?: ClientSession,
  ): Promise<ClickRecord | null> {
    return this.clicks
      .findOne({ visitorId, partnerId, at: { $gte: from, $lte: to }, flags: { $ne: ClickFlag.BURST } })
      .sort({ at: -1 })
      .session(session ?? null)
      .lean<ClickRecord>()
      .exec();
  }

  lastOnLink(linkId: Types.ObjectId, from: Date, to: Date, session?: ClientSession): Promise<ClickRecord | null> {
    return this.clicks
      .findOne({ linkId, at: { $gte: from, $lte: to }, flags: { $ne: ClickFlag.BURST } })
      .sort({ at: -1 })
      .session(session ?? null)
      .lean<ClickRecord>()
      .exec();
  }

  /** Clicks (bursts excluded) and distinct visitors, grouped by one field, within a filter. */
  async countBy(match: Record<string, unknown>, field: 'linkId' | 'boardId' | 'ownerId' | 'postId' | 'campaignId') {
    const rows = await this.clicks
      .aggregate<{ _id: { key: Types.ObjectId | null; visitorId: string }; clicks: number }>([
        { $match: { ...match, flags: { $ne: ClickFlag.BURST } } },
        { $group: { _id: { key: `$${field}`, visitorId: '$visitorId' }, clicks: { $sum: 1 } } },
      ])
      .exec();
    const counts = new Map<string, ClickCounts>();
    for (const row of rows) {
      const key = row._id.key ? String(row._id.key) : '';
      const entry = counts.get(key) ?? { key, clicks: 0, uniqueVisitors: 0 };
      entry.clicks += row.clicks;
      entry.uniqueVisitors += 1;
      counts.set(key, entry);
    }
    return counts;
  }
}
