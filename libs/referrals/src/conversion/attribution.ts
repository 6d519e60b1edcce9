// Which click (and so which link, rep and answer) a conversion belongs to. Last click wins: the
// visitor's latest click on any of the partner's links within the campaign's window before the
// conversion. A code without such a click still names the link, flagged for review.
import { Injectable } from '@nestjs/common';
import type { ClientSession } from 'mongoose';
import { Types } from 'mongoose';
import { ForbiddenError } from '@helpboard/core';
import { CampaignRepository } from '../campaign/campaign.repository.js';
import type { CampaignRecord } from '../campaign/campaign.schema.js';
import { ClickRepository } from '../click/click.repository.js';
import { ClickFlag, type ClickRecord } from '../click/click.schema.js';
import { LinkRepository } from '../link/link.repository.js';
import type { LinkRecord } from '../link/link.schema.js';
import { ConversionFlag } from './conversion.schema.js';

export interface Attribution {
  link: LinkRecord;
  campaign: CampaignRecord;
  click: ClickRecord | null;
  flags: ConversionFlag[];
}

const DAY_MS = 24 * 3_600_000;

@Injectable()
export class AttributionService {
  constructor(
    private readonly clicks: ClickRepository,
    private readonly links: LinkRepository,
    private readonly campaigns: CampaignRepository,
  ) {}

  async attribute(
    partnerId: Types.ObjectId,
    reported: { clickId?: string; code?: string; occurredAt: Date },
    session: ClientSession,
  ): Promise<Attribution | null> {
    const [reportedClick, [reportedLink]] = await Promise.all([
      reported.clickId ? this.clicks.findByPublicId(reported.clickId, session) : null,
      reported.code ? this.links.findByCodes([reported.code], session) : Promise.resolve([] as LinkRecord[]),
    ]);
    // A partner may only report on its own campaigns' clicks and links.
    for (const owned of [reportedClick, reportedLink]) {
      if (owned && !owned.partnerId.equals(partnerId)) throw new ForbiddenError('CAMPAIGN_OF_ANOTHER_PARTNER');
    }
    const campaignId = reportedClick?.campaignId ?? reportedLink?.campaignId;
    if (!campaignId) return null;
    const campaign = (await this.campaigns.findById(campaignId, session))!;
    const windowStart = new Date(reported.occurredAt.getTime() - campaign.attributionWindowDays * DAY_MS);

    const click = reportedClick
      ? await this.clicks.lastOfVisitor(reportedClick.visitorId, partnerId, windowStart, reported.occurredAt, session)
      : await this.clicks.lastOnLink(reportedLink!._id, windowStart, reported.occurredAt, session);
    if (click) {
      const link =
        reportedLink && click.linkId.equals(reportedLink._id)
          ? reportedLink
          : (await this.links.findById(click.linkId))!;
      const clickCampaign = click.campaignId.equals(campaign._id)
        ? campaign
        : (await this.campaigns.findById(click.campaignId, session))!;
      // Burst clicks are never handed out nor chosen (their click ids stay unknown), so only the
      // owner's address can flag an attributed click.
      const flags = click.flags.includes(ClickFlag.OWNER_IP) ? [ConversionFlag.OWNER_IP] : [];
      return { link, campaign: clickCampaign, click, flags };
    }
    if (reportedLink) return { link: reportedLink, campaign, click: null, flags: [ConversionFlag.NO_CLICK] };
    return null;
  }
}
