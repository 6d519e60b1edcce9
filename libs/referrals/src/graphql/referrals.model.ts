// What clients see of referrals. Money is `{ amountMinor, currency }` with the amount as a
// decimal string of integer minor units: exact beyond GraphQL Int's 32 bits, never a float.
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@helpboard/core';
import { CampaignStatus } from '../campaign/campaign.schema.js';
import { CommissionReason, CommissionStatus } from '../commission/commission-state-machine.js';
import { CommissionKind } from '../money/commission-rule.js';

registerEnumType(CampaignStatus, { name: 'CampaignStatus', description: 'Draft, active, paused or ended.' });
registerEnumType(CommissionStatus, {
  name: 'CommissionStatus',
  description: 'Pending (in its hold), approved, paid, rejected or reversed.',
});
registerEnumType(CommissionReason, {
  name: 'CommissionReason',
  description: 'Why a commission was rejected or reversed.',
});
registerEnumType(CommissionKind, {
  name: 'CommissionKind',
  description: 'A fixed amount per conversion, or a percentage of the amount the partner reports.',
});

@ObjectType({ description: 'An amount of money in integer minor units (cents, fen) of an ISO 4217 currency.' })
export class Money {
  @Field({ description: 'Integer minor units, as a decimal string (exact at any size).' }) amountMinor!: string;
  @Field({ description: 'ISO 4217 code, e.g. USD or CNY.' }) currency!: string;
}

@ObjectType({ description: 'A company that pays commissions for conversions referred from Helpboard.' })
export class Partner {
  @Field(() => ID, { description: 'Also the path segment of its conversion webhook.' }) id!: string;
  @Field({ description: 'Display name.' }) name!: string;
  @Field(() => ID, { description: 'The operator whose boards it runs campaigns on.' }) operatorId!: string;
  @Field(() => Int, { description: 'Webhook secrets valid right now (2 during a rotation overlap).' })
  activeSecretCount!: number;
  @Field({ description: 'When it was created.' }) createdAt!: Date;
}

@ObjectType({ description: 'A partner with its new webhook secret: shown this once and never again.' })
export class PartnerWithSecret {
  @Field(() => Partner, { description: 'The partner.' }) partner!: Partner;
  @Field({ description: 'Sign webhooks with it: `Helpboard-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`.' })
  webhookSecret!: string;
}

@ObjectType({ description: 'What one conversion pays.' })
export class CommissionRuleView {
  @Field(() => CommissionKind, { description: 'Fixed or percentage.' }) kind!: CommissionKind;
  @Field(() => Money, { nullable: true, description: 'FIXED: the amount per conversion.' }) amount!: Money | null;
  @Field(() => Int, { nullable: true, description: 'PERCENT: basis points of the reported amount (1250 = 12.5 %).' })
  basisPoints!: number | null;
  @Field({ description: 'Currency of every commission of the campaign.' }) currency!: string;
}

@ObjectType({ description: "A partner's offer, promoted on the boards that allow it." })
export class Campaign {
  @Field(() => ID, { description: 'Boards list this id in `settings.referrals.allowedCampaignIds`.' }) id!: string;
  @Field({ description: 'Display name.' }) name!: string;
  @Field(() => ID, { description: 'The partner paying for it.' }) partnerId!: string;
  @Field(() => CampaignStatus, { description: 'Links redirect only while ACTIVE.' }) status!: CampaignStatus;
  @Field({ description: 'Where clicks land (https), with the click id added as `hb_click`.' }) landingUrl!: string;
  @Field(() => [ID], { description: 'Boards the campaign asks for (each must also allow it).' }) boardIds!: string[];
  @Field(() => CommissionRuleView, { description: 'What a conversion pays.' }) commission!: CommissionRuleView;
  @Field(() => Int, { description: 'A conversion is credited to the last click this many days before it.' })
  attributionWindowDays!: number;
  @Field(() => Int, { description: 'Days a commission stays pending before it can be approved.' }) holdDays!: number;
  @Field({ description: 'When it was created.' }) createdAt!: Date;
}

@ObjectType({ description: "A rep's personal referral link for a campaign, with what it brought in." })
export class ReferralLink {
  @Field(() => ID, { description: 'Link id.' }) id!: string;
  @Field({ description: 'The short unguessable code.' }) code!: string;
  @Field({ description: 'First-party path to post: `/r/<code>`.' }) path!: string;
  @Field(() => ID, { description: 'Its campaign.' }) campaignId!: string;
  @Field(() => ID, { description: 'The board it is for.' }) boardId!: string;
  @Field(() => ID, { nullable: true, description: 'The answer it was made for, if any.' }) answerId!: string | null;
  @Field(() => Int, { description: 'Clicks (repeats within 30 minutes and bursts not counted).' }) clicks!: number;
  @Field(() => Int, { description: 'Distinct visitors who clicked.' }) uniqueVisitors!: number;
  @Field(() => Int, { description: 'Conversions credited to it (rejected and reversed ones excluded).' })
  conversions!: number;
  @Field(() => Money, { description: 'Earned through it: pending, approved and paid commissions.' }) earnings!: Money;
  @Field({ description: 'When it was made.' }) createdAt!: Date;
}

@ObjectType({ description: 'What one conversion earns a rep, and where that stands.' })
export class Commission {
  @Field(() => ID, { description: 'Commission id.' }) id!: string;
  @Field(() => CommissionStatus, { description: 'Where it stands.' }) status!: CommissionStatus;
  @Field(() => CommissionReason, { nullable: true, description: 'Why it was rejected or reversed.' })
  reason!: CommissionReason | null;
  @Field(() => Money, { description: 'The amount.' }) amount!: Money;
  @Field(() => ID, { description: 'Its campaign.' }) campaignId!: string;
  @Field(() => ID, { description: 'The board of the link.' }) boardId!: string;
  @Field(() => ID, { nullable: true, description: 'The answer that earned it.' }) answerId!: string | null;
  @Field({ description: 'Frozen while moderation hides the answer.' }) isFrozen!: boolean;
  @Field({ description: 'Flagged (no click, or clicked from your own address): approved only after review.' })
  needsReview!: boolean;
  @Field({ description: 'Pending until at least this time.' }) holdUntil!: Date;
  @Field(() => ID, { nullable: true, description: 'The payout that paid it.' }) payoutId!: string | null;
  @Field({ description: 'When the conversion was recorded.' }) createdAt!: Date;
}

@ObjectType({ description: 'One payment to a rep: approved commissions plus adjustments for reversed paid ones.' })
export class Payout {
  @Field(() => ID, { description: 'Payout id.' }) id!: string;
  @Field(() => ID, { description: 'The rep paid.' }) userId!: string;
  @Field(() => Money, { description: 'What is paid: commissions plus adjustments, exactly.' }) total!: Money;
  @Field(() => Money, { description: 'Taken back for reversals of commissions paid earlier (zero or negative).' })
  adjustments!: Money;
  @Field(() => Int, { description: 'Commissions it pays.' }) commissionCount!: number;
  @Field({ description: 'When it was made.' }) createdAt!: Date;
}

@ObjectType({ description: 'A conversion reported by a partner, and its commission.' })
export class Conversion {
  @Field(() => ID, { description: 'Conversion id.' }) id!: string;
  @Field({ description: 'Credited to a referral link.' }) isAttributed!: boolean;
  @Field({ description: 'Reversed (refund, chargeback, removed post…).' }) isReversed!: boolean;
  @Field(() => ID, { nullable: true, description: 'The answer it is credited to.' }) answerId!: string | null;
  @Field(() => [String], {
    description:
      "Review flags: NO_CLICK (a code but no click in the window), OWNER_IP (clicked from the rep's own address).",
  })
  flags!: string[];
  @Field(() => Commission, { nullable: true, description: 'Its commission, when attributed.' })
  commission!: Commission | null;
}

@ObjectType({ description: 'Numbers of a campaign for one board, rep or answer (or overall).' })
export class CampaignReportRow {
  @Field({ description: "The board, user or answer id ('' for links tied to no answer)." }) key!: string;
  @Field(() => Int, { description: 'Clicks (repeats and bursts not counted).' }) clicks!: number;
  @Field(() => Int, { description: 'Distinct visitors.' }) uniqueVisitors!: number;
  @Field(() => Int, { description: 'Conversions with an earning commission.' }) conversions!: number;
  @Field(() => Float, { description: 'Conversions per unique visitor (0 without visitors).' }) conversionRate!: number;
  @Field(() => Money, { description: 'Pending, approved and paid commissions.' }) earnings!: Money;
}

@ObjectType({ description: "A campaign's performance, overall and by board, rep and answer." })
export class CampaignReport {
  @Field(() => Campaign, { description: 'The campaign.' }) campaign!: Campaign;
  @Field(() => CampaignReportRow, { description: 'Overall.' }) total!: CampaignReportRow;
  @Field(() => [CampaignReportRow], { description: 'By board.' }) byBoard!: CampaignReportRow[];
  @Field(() => [CampaignReportRow], { description: 'By rep (user id).' }) byRep!: CampaignReportRow[];
  @Field(() => [CampaignReportRow], { description: 'By answer (post id).' }) byAnswer!: CampaignReportRow[];
}

export const ReferralLinkConnection = ConnectionType(ReferralLink);
export const CommissionConnection = ConnectionType(Commission);
