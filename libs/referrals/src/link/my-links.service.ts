// A rep's links with what each brought in: two aggregations for the whole page, not per link.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { Actor } from '@helpboard/core';
import { CampaignService } from '../campaign/campaign.service.js';
import { ClickRepository } from '../click/click.repository.js';
import { CommissionRepository } from '../commission/commission.repository.js';
import { LinkService } from './link.service.js';
import type { LinkRecord } from './link.schema.js';

export interface LinkWithStats {
  link: LinkRecord;
  clicks: number;
  uniqueVisitors: number;
  conversions: number;
  earningsMinor: number;
  currency: string;
}

@Injectable()
export class MyLinksService {
  constructor(
    private readonly links: LinkService,
    private readonly campaigns: CampaignService,
    private readonly clicks: ClickRepository,
    private readonly commissions: CommissionRepository,
  ) {}

  async linksOf(actor: Actor, limit: number, before?: Types.ObjectId): Promise<LinkWithStats[]> {
    return this.withStats(await this.links.linksOf(actor, limit, before));
  }

  async withStats(links: LinkRecord[]): Promise<LinkWithStats[]> {
    if (links.length === 0) return [];
    const match = { linkId: { $in: links.map((link) => link._id) } };
    const [clicks, earnings, campaigns] = await Promise.all([
      this.clicks.countBy(match, 'linkId'),
      this.commissions.earningsBy(match, 'linkId'),
      this.campaigns.findByIds([...new Map(links.map((l) => [l.campaignId.toHexString(), l.campaignId])).values()]),
    ]);
    return links.map((link) => {
      const id = link._id.toHexString();
      const earned = earnings.filter((row) => String(row._id.key) === id);
      const counts = clicks.get(id);
      return {
        link,
        clicks: counts?.clicks ?? 0,
        uniqueVisitors: counts?.uniqueVisitors ?? 0,
        conversions: earned.reduce((n, row) => n + row.conversions, 0),
        earningsMinor: earned.reduce((n, row) => n + row.amountMinor, 0),
        currency: campaigns.find((c) => c._id.equals(link.campaignId))?.commission.currency ?? 'XXX',
      };
    });
  }
}
