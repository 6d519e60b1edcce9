// A campaign's numbers for its operator's admins: clicks (bursts excluded), unique visitors,
// conversions, conversion rate and earnings, overall and by board, by rep and by answer.
import { Injectable } from '@nestjs/common';
import { type Actor, NotFoundError } from '@helpboard/core';
import { CampaignService } from '../campaign/campaign.service.js';
import type { CampaignRecord } from '../campaign/campaign.schema.js';
import { ClickRepository } from '../click/click.repository.js';
import { CommissionRepository } from '../commission/commission.repository.js';
import type { PartnerRecord } from '../partner/partner.schema.js';
import { PartnerService } from '../partner/partner.service.js';

export interface ReportRow {
  /** Board, user or post id; '' for "no answer" in the by-answer breakdown. */
  key: string;
  clicks: number;
  uniqueVisitors: number;
  conversions: number;
  earningsMinor: number;
}

export interface CampaignReport {
  campaign: CampaignRecord;
  total: ReportRow;
  byBoard: ReportRow[];
  byRep: ReportRow[];
  byAnswer: ReportRow[];
}

type Dimension = 'campaignId' | 'boardId' | 'ownerId' | 'postId';

@Injectable()
export class CampaignReportService {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly partners: PartnerService,
    private readonly clicks: ClickRepository,
    private readonly commissions: CommissionRepository,
  ) {}

  /** For admins of the partner's operator. */
  async report(actor: Actor, campaignId: string): Promise<CampaignReport> {
    const campaign = await this.campaigns.requireCampaign(campaignId);
    await this.partners.requireManaged(actor, campaign.partnerId.toHexString());
    return this.build(campaign);
  }

  /** For the partner itself (authenticated by signature); another partner's campaign is not found. */
  async reportForPartner(partner: PartnerRecord, campaignId: string): Promise<CampaignReport> {
    const campaign = await this.campaigns.requireCampaign(campaignId);
    if (!campaign.partnerId.equals(partner._id)) throw new NotFoundError('Campaign', 'CAMPAIGN_NOT_FOUND');
    return this.build(campaign);
  }

  private async build(campaign: CampaignRecord): Promise<CampaignReport> {
    const [total, byBoard, byRep, byAnswer] = await Promise.all(
      (['campaignId', 'boardId', 'ownerId', 'postId'] as Dimension[]).map((dimension) =>
        this.rows(campaign, dimension),
      ),
    );
    return {
      campaign,
      total: total[0] ?? {
        key: campaign._id.toHexString(),
        clicks: 0,
        uniqueVisitors: 0,
        conversions: 0,
        earningsMinor: 0,
      },
      byBoard,
      byRep,
      byAnswer,
    };
  }

  private async rows(campaign: CampaignRecord, dimension: Dimension): Promise<ReportRow[]> {
    const match = { campaignId: campaign._id };
    const [clicks, earnings] = await Promise.all([
      this.clicks.countBy(match, dimension),
      this.commissions.earningsBy(match, dimension),
    ]);
    const rows = new Map<string, ReportRow>();
    const row = (key: string) => {
      let entry = rows.get(key);
      if (!entry) rows.set(key, (entry = { key, clicks: 0, uniqueVisitors: 0, conversions: 0, earningsMinor: 0 }));
      return entry;
    };
    for (const counts of clicks.values())
      Object.assign(row(counts.key), { clicks: counts.clicks, uniqueVisitors: counts.uniqueVisitors });
    // One campaign has one currency, so the sums below never mix currencies.
    for (const earned of earnings) {
      const entry = row(earned._id.key ? String(earned._id.key) : '');
      entry.conversions += earned.conversions;
      entry.earningsMinor += earned.amountMinor;
    }
    return [...rows.values()].sort(
      (a, b) => b.earningsMinor - a.earningsMinor || b.clicks - a.clicks || a.key.localeCompare(b.key),
    );
  }
}
