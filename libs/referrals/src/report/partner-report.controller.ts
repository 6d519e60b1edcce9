// GET /partner-api/:partnerId/campaigns/:campaignId/report — partners read their campaign's
// numbers without an account: the request is signed like a webhook, over "<t>.GET <path>".
import { Controller, Get, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '@helpboard/core';
import { SIGNATURE_HEADER } from '../crypto/webhook-signature.js';
import { PartnerService } from '../partner/partner.service.js';
import { CampaignReportService, type ReportRow } from './campaign-report.service.js';

@Controller('partner-api')
export class PartnerReportController {
  constructor(
    private readonly partners: PartnerService,
    private readonly reports: CampaignReportService,
  ) {}

  @Public()
  @Get(':partnerId/campaigns/:campaignId/report')
  async report(
    @Param('partnerId') partnerId: string,
    @Param('campaignId') campaignId: string,
    @Req() request: Request,
  ) {
    const signed = Buffer.from(`GET ${request.originalUrl}`);
    const partner = await this.partners.authenticate(partnerId, signed, request.get(SIGNATURE_HEADER));
    const report = await this.reports.reportForPartner(partner, campaignId);
    const currency = report.campaign.commission.currency;
    const row = (r: ReportRow) => ({ ...r, earnings: { amountMinor: r.earningsMinor, currency } });
    return {
      campaignId,
      total: row(report.total),
      byBoard: report.byBoard.map(row),
      byRep: report.byRep.map(row),
      byAnswer: report.byAnswer.map(row),
    };
  }
}
