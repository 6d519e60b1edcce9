import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, type Connection, CurrentActor, PageArgs, SignedIn, toConnection } from '@helpboard/core';
import { CommissionReason } from '../commission/commission-state-machine.js';
import { CommissionService } from '../commission/commission.service.js';
import { CommissionReviewService } from '../commission/commission-review.service.js';
import { ConversionService } from '../conversion/conversion.service.js';
import { objectIdOrNull } from '../ids.js';
import { PayoutService } from '../payout/payout.service.js';
import { CampaignReportService } from '../report/campaign-report.service.js';
import { toCampaign, toCommission, toConversion, toPayout, toReportRow } from './referrals.mapper.js';
import { CampaignReport, Commission, CommissionConnection, Conversion, Payout } from './referrals.model.js';
import { idPage } from './page.js';

@Resolver()
export class CommissionResolver {
  constructor(
    private readonly commissions: CommissionService,
    private readonly reviews: CommissionReviewService,
    private readonly conversions: ConversionService,
    private readonly payouts: PayoutService,
    private readonly reports: CampaignReportService,
  ) {}

  @SignedIn()
  @Query(() => CommissionConnection, { description: 'Your commissions, newest first.' })
  async myCommissions(@CurrentActor() actor: Actor, @Args() args: PageArgs): Promise<Connection<Commission>> {
    const { size, before } = idPage(args);
    const rows = await this.commissions.ofOwner(actor.userId, size + 1, before);
    return toConnection(rows, size, Boolean(before), (row) => [row._id.toHexString()], toCommission);
  }

  @SignedIn()
  @Mutation(() => Conversion, {
    description: "Operator admins: reverse a conversion; a paid commission is taken back on the rep's next payout.",
  })
  async reverseConversion(
    @CurrentActor() actor: Actor,
    @Args('conversionId', { type: () => ID, description: 'The conversion.' }) conversionId: string,
    @Args('reason', { type: () => CommissionReason, description: 'Why.' }) reason: CommissionReason,
  ): Promise<Conversion> {
    const result = await this.conversions.reverseConversion(actor, conversionId, reason);
    const commission = await this.commissions.findByConversion(objectIdOrNull(result.conversionId)!);
    return toConversion(result, commission);
  }

  @SignedIn()
  @Mutation(() => Commission, {
    description:
      'Operator admins: clear a flagged commission for approval after its hold, or reject it as suspected fraud.',
  })
  async reviewCommission(
    @CurrentActor() actor: Actor,
    @Args('commissionId', { type: () => ID, description: 'The flagged commission.' }) commissionId: string,
    @Args('isApproved', { description: 'True clears the flag; false rejects it (FRAUD_SUSPECTED).' })
    isApproved: boolean,
  ): Promise<Commission> {
    return toCommission(await this.reviews.review(actor, commissionId, isApproved));
  }

  @SignedIn()
  @Mutation(() => [Payout], {
    description: "Operator admins: pay a rep's approved commissions with this operator (one payout per currency).",
  })
  async createPayout(
    @CurrentActor() actor: Actor,
    @Args('userId', { type: () => ID, description: 'The rep.' }) userId: string,
    @Args('operatorSlug', { description: 'The operator paying.' }) operatorSlug: string,
  ): Promise<Payout[]> {
    return (await this.payouts.createPayout(actor, userId, operatorSlug)).map(toPayout);
  }

  @SignedIn()
  @Query(() => CampaignReport, { description: "Operator admins: a campaign's clicks, conversions and earnings." })
  async campaignReport(
    @CurrentActor() actor: Actor,
    @Args('campaignId', { type: () => ID, description: 'The campaign.' }) campaignId: string,
  ): Promise<CampaignReport> {
    const report = await this.reports.report(actor, campaignId);
    const currency = report.campaign.commission.currency;
    return {
      campaign: toCampaign(report.campaign),
      total: toReportRow(report.total, currency),
      byBoard: report.byBoard.map((row) => toReportRow(row, currency)),
      byRep: report.byRep.map((row) => toReportRow(row, currency)),
      byAnswer: report.byAnswer.map((row) => toReportRow(row, currency)),
    };
  }
}
