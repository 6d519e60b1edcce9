// Campaigns: what a partner pays for, where. A campaign runs on a board only when both sides
// agree: the campaign lists the board and the board's settings allow the campaign (an operator
// admin sets `referrals.allowedCampaignIds`), so neither a partner nor a board owner alone can
// put referral links on a board.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import {
  type Actor,
  Clock,
  type FieldProblem,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
} from '@helpboard/core';
import { type BoardRecord, BoardService, resolveBoardSettings } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { objectIdOrNull } from '../ids.js';
import { ReferralAuditRepository } from '../audit/referral-audit.repository.js';
import { type CommissionRule, ruleProblems } from '../money/commission-rule.js';
import { PartnerService } from '../partner/partner.service.js';
import { CampaignRepository } from './campaign.repository.js';
import { type CampaignRecord, CampaignStatus } from './campaign.schema.js';

export interface NewCampaign {
  partnerId: string;
  name: string;
  boardSlugs: string[];
  landingUrl: string;
  commission: CommissionRule;
  attributionWindowDays?: number | null;
  holdDays?: number | null;
}

export const DEFAULT_WINDOW_DAYS = 30;
export const DEFAULT_HOLD_DAYS = 30;

const MOVES: Record<CampaignStatus, CampaignStatus[]> = {
  [CampaignStatus.DRAFT]: [CampaignStatus.ACTIVE, CampaignStatus.ENDED],
  [CampaignStatus.ACTIVE]: [CampaignStatus.PAUSED, CampaignStatus.ENDED],
  [CampaignStatus.PAUSED]: [CampaignStatus.ACTIVE, CampaignStatus.ENDED],
  [CampaignStatus.ENDED]: [],
};

/** Whether links of the campaign may appear (and redirect) on the board. */
export function isCampaignAllowedOn(campaign: CampaignRecord, board: BoardRecord): boolean {
  return (
    campaign.boardIds.some((id) => id.equals(board._id)) &&
    resolveBoardSettings(board.settingsOverrides).referrals.allowedCampaignIds.includes(campaign._id.toHexString())
  );
}

function landingProblems(url: string): { field: string; message: string }[] {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') return [{ field: 'landingUrl', message: 'HTTPS_REQUIRED' }];
    if (parsed.username || parsed.password || url.length > 2000)
      return [{ field: 'landingUrl', message: 'INVALID_URL' }];
    return [];
  } catch {
    return [{ field: 'landingUrl', message: 'INVALID_URL' }];
  }
}

const dayProblems = (field: string, value: number | null | undefined, max: number) =>
  value != null && (!Number.isInteger(value) || value < 0 || value > max) ? [{ field, message: 'INVALID_VALUE' }] : [];

@Injectable()
export class CampaignService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly partners: PartnerService,
    private readonly boards: BoardService,
    private readonly audit: ReferralAuditRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async createCampaign(actor: Actor, input: NewCampaign): Promise<CampaignRecord> {
    const partner = await this.partners.requireManaged(actor, input.partnerId);
    const name = input.name.trim();
    const problems: FieldProblem[] = [
      ...(name.length < 2 || name.length > 120
        ? [{ field: 'name', message: 'LENGTH_OUT_OF_RANGE', params: { min: 2, max: 120 } }]
        : []),
      ...landingProblems(input.landingUrl),
      ...ruleProblems(input.commission),
      ...dayProblems('attributionWindowDays', input.attributionWindowDays, 365),
      ...dayProblems('holdDays', input.holdDays, 365),
      ...(input.boardSlugs.length < 1 || input.boardSlugs.length > 50
        ? [{ field: 'boardSlugs', message: 'TOO_FEW_ITEMS', params: { min: 1 } }]
        : []),
    ];
    if (problems.length > 0) throw new InvalidInputError(problems);
    const boards = await Promise.all([...new Set(input.boardSlugs)].map((slug) => this.boards.requireBoard(slug)));
    const foreign = boards.findIndex((board) => !board.operatorId.equals(partner.operatorId));
    if (foreign >= 0)
      throw new InvalidInputError([{ field: `boardSlugs.${foreign}`, message: 'BOARD_OF_ANOTHER_OPERATOR' }]);

    const now = this.clock.now();
    const landing = new URL(input.landingUrl);
    const campaign: CampaignRecord = {
      _id: new Types.ObjectId(),
      partnerId: partner._id,
      operatorId: partner.operatorId,
      name,
      boardIds: boards.map((board) => board._id),
      landingUrl: landing.toString(),
      landingHost: landing.hostname.toLowerCase(),
      commission: {
        kind: input.commission.kind,
        amountMinor: input.commission.amountMinor ?? null,
        basisPoints: input.commission.basisPoints ?? null,
        currency: input.commission.currency,
      },
      attributionWindowDays: input.attributionWindowDays ?? DEFAULT_WINDOW_DAYS,
      holdDays: input.holdDays ?? DEFAULT_HOLD_DAYS,
      status: CampaignStatus.DRAFT,
      createdAt: now,
      updatedAt: now,
    };
    await this.unitOfWork.run(async (tx) => {
      await this.campaigns.insert(campaign, tx.session);
      await this.audit.record(tx.session, [
        {
          entityType: 'campaign',
          entityId: campaign._id,
          action: 'CREATED',
          to: campaign.status,
          actorId: actor.userId,
          at: now,
        },
      ]);
    });
    return campaign;
  }

  /** Activating needs every listed board to allow the campaign in its settings. */
  async setStatus(actor: Actor, campaignId: string, status: CampaignStatus): Promise<CampaignRecord> {
    const campaign = await this.requireCampaign(campaignId);
    await this.partners.requireManaged(actor, campaign.partnerId.toHexString());
    if (campaign.status === status) return campaign;
    if (!MOVES[campaign.status].includes(status))
      throw new PreconditionFailedError('CAMPAIGN_STATUS_CHANGE', { from: campaign.status, to: status });
    if (status === CampaignStatus.ACTIVE) {
      const boards = await Promise.all(campaign.boardIds.map((id) => this.boards.requireById(id)));
      const refusing = boards.filter((board) => !isCampaignAllowedOn(campaign, board));
      if (refusing.length > 0) {
        throw new InvalidInputError(
          refusing.map((board) => ({ field: `boards.${board.slug}`, message: 'CAMPAIGN_NOT_ALLOWED_ON_BOARD' })),
          'CAMPAIGN_NOT_ALLOWED_ON_BOARD',
        );
      }
    }
    const now = this.clock.now();
    await this.unitOfWork.run(async (tx) => {
      await this.campaigns.setStatus(campaign._id, status, now, tx.session);
      await this.audit.record(tx.session, [
        {
          entityType: 'campaign',
          entityId: campaign._id,
          action: 'STATUS_CHANGED',
          from: campaign.status,
          to: status,
          actorId: actor.userId,
          at: now,
        },
      ]);
    });
    return { ...campaign, status, updatedAt: now };
  }

  async requireCampaign(campaignId: string): Promise<CampaignRecord> {
    const id = objectIdOrNull(campaignId);
    const campaign = id ? await this.campaigns.findById(id) : null;
    if (!campaign) throw new NotFoundError('Campaign', 'CAMPAIGN_NOT_FOUND');
    return campaign;
  }

  findByIds(ids: readonly Types.ObjectId[]): Promise<CampaignRecord[]> {
    return this.campaigns.findByIds(ids);
  }
}
