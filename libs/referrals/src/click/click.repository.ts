import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { ClickFlag, ClickRecord } from './click.schema.js';

export interface ClickCounts {
  key: string;
  clicks: number;
  uniqueVisitors: number;
}

@Injectable()
export class ClickRepository {
  constructor(@InjectModel(ClickRecord.name) private readonly clicks: Model<ClickRecord>) {}

  async insert(click: ClickRecord): Promise<void> {
    await this.clicks.create([click]);
  }

  /** The visitor's latest click on a link since `since` (repeated clicks count once). */
  latestOfVisitorOnLink(linkId: Types.ObjectId, visitorId: string, since: Date): Promise<ClickRecord | null> {
    return this.clicks
      .findOne({ linkId, visitorId, at: { $gte: since } })
      .sort({ at: -1 })
      .lean<ClickRecord>()
      .exec();
  }

  /** The latest click on a link since `since` from one address and user agent (by their keyed hashes). */
  latestOfClientOnLink(
    linkId: Types.ObjectId,
    ipHash: string,
    userAgentHash: string,
    since: Date,
  ): Promise<ClickRecord | null> {
    return this.clicks
      .findOne({ linkId, ipHash, userAgentHash, at: { $gte: since } })
      .sort({ at: -1 })
      .lean<ClickRecord>()
      .exec();
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
