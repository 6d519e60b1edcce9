// Storage → API, one small function per type.
import type { CampaignRecord } from '../campaign/campaign.schema.js';
import type { CommissionRecord } from '../commission/commission.schema.js';
import type { ConversionResult } from '../conversion/conversion.service.js';
import type { LinkWithStats } from '../link/my-links.service.js';
import type { PartnerRecord } from '../partner/partner.schema.js';
import type { PayoutRecord } from '../payout/payout.schema.js';
import type { ReportRow } from '../report/campaign-report.service.js';
import type {
  Campaign,
  CampaignReportRow,
  Commission,
  Conversion,
  Money,
  Partner,
  Payout,
  ReferralLink,
} from './referrals.model.js';

export const toMoney = (amountMinor: number, currency: string): Money => ({
  amountMinor: String(amountMinor),
  currency,
});

export function toPartner(partner: PartnerRecord, now: Date): Partner {
  return {
    id: partner._id.toHexString(),
    name: partner.name,
    operatorId: partner.operatorId.toHexString(),
    activeSecretCount: partner.secrets.filter((s) => s.retiresAt === null || s.retiresAt > now).length,
    createdAt: partner.createdAt,
  };
}

export function toCampaign(campaign: CampaignRecord): Campaign {
  const rule = campaign.commission;
  return {
    id: campaign._id.toHexString(),
    name: campaign.name,
    partnerId: campaign.partnerId.toHexString(),
    status: campaign.status,
    landingUrl: campaign.landingUrl,
    boardIds: campaign.boardIds.map((id) => id.toHexString()),
    commission: {
      kind: rule.kind,
      amount: rule.amountMinor === null ? null : toMoney(rule.amountMinor, rule.currency),
      basisPoints: rule.basisPoints,
      currency: rule.currency,
    },
    attributionWindowDays: campaign.attributionWindowDays,
    holdDays: campaign.holdDays,
    createdAt: campaign.createdAt,
  };
}

export function toReferralLink({ link, ...stats }: LinkWithStats): ReferralLink {
  return {
    id: link._id.toHexString(),
    code: link.code,
    path: `/r/${link.code}`,
    campaignId: link.campaignId.toHexString(),
    boardId: link.boardId.toHexString(),
    answerId: link.postId?.toHexString() ?? null,
    clicks: stats.clicks,
    uniqueVisitors: stats.uniqueVisitors,
    conversions: stats.conversions,
    earnings: toMoney(stats.earningsMinor, stats.currency),
    createdAt: link.createdAt,
  };
}

export function toCommission(commission: CommissionRecord): Commission {
  return {
    id: commission._id.toHexString(),
    status: commission.status,
    reason: commission.reason,
    amount: toMoney(commission.amountMinor, commission.currency),
    campaignId: commission.campaignId.toHexString(),
    boardId: commission.boardId.toHexString(),
    answerId: commission.postId?.toHexString() ?? null,
    isFrozen: commission.frozenAt !== null,
    needsReview: commission.needsReview,
    holdUntil: commission.holdUntil,
    payoutId: commission.payoutId?.toHexString() ?? null,
    createdAt: commission.createdAt,
  };
}

export function toPayout(payout: PayoutRecord): Payout {
  return {
    id: payout._id.toHexString(),
    userId: payout.ownerId.toHexString(),
    total: toMoney(payout.totalMinor, payout.currency),
    adjustments: toMoney(payout.adjustmentsMinor, payout.currency),
    commissionCount: payout.commissionIds.length,
    createdAt: payout.createdAt,
  };
}

export function toReportRow(row: ReportRow, currency: string): CampaignReportRow {
  return {
    key: row.key,
    clicks: row.clicks,
    uniqueVisitors: row.uniqueVisitors,
    conversions: row.conversions,
    conversionRate: row.uniqueVisitors === 0 ? 0 : row.conversions / row.uniqueVisitors,
    earnings: toMoney(row.earningsMinor, currency),
  };
}

/** The webhook's answer carries the commission in its stored shape; GraphQL gets the full type. */
export function toConversion(result: ConversionResult, commission: CommissionRecord | null): Conversion {
  return {
    id: result.conversionId,
    isAttributed: result.isAttributed,
    isReversed: result.isReversed,
    answerId: result.answerId,
    flags: result.flags,
    commission: commission ? toCommission(commission) : null,
  };
}
