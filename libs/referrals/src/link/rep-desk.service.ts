// The reps' referral desk: which campaigns a rep may promote on the boards they answer for (staff
// reps), making a link for one, and the payouts their commissions went into. Links are made by
// LinkService with its own checks (active campaign, allowed on the board, participation).
import { Injectable } from '@nestjs/common';
import { type Actor } from '@helpboard/core';
import { type BoardRecord, BoardRole, MembershipService } from '@helpboard/boards';
import { CampaignRepository } from '../campaign/campaign.repository.js';
import type { CampaignRecord } from '../campaign/campaign.schema.js';
import { isCampaignAllowedOn } from '../campaign/campaign.service.js';
import { PayoutService } from '../payout/payout.service.js';
import type { PayoutRecord } from '../payout/payout.schema.js';
import type { LinkRecord } from './link.schema.js';
import { LinkService } from './link.service.js';

export interface PromotableCampaigns {
  board: BoardRecord;
  campaigns: CampaignRecord[];
}

@Injectable()
export class RepDeskService {
  constructor(
    private readonly memberships: MembershipService,
    private readonly campaigns: CampaignRepository,
    private readonly links: LinkService,
    private readonly payouts: PayoutService,
  ) {}

  /** For each board the actor is staff on, the active campaigns its settings allow there. */
  async promotable(actor: Actor): Promise<PromotableCampaigns[]> {
    const boards = (await this.memberships.boardsWithRolesOf(actor.userId, [BoardRole.STAFF])).map((row) => row.board);
    const active = await this.campaigns.findActiveOnBoards(boards.map((board) => board._id));
    return boards
      .map((board) => ({ board, campaigns: active.filter((campaign) => isCampaignAllowedOn(campaign, board)) }))
      .filter((row) => row.campaigns.length > 0);
  }

  createLink(actor: Actor, campaignId: string, boardSlug: string): Promise<LinkRecord> {
    return this.links.createLink(actor, { campaignId, boardSlug });
  }

  /** The actor's own payouts, newest first. */
  async payoutsOf(actor: Actor): Promise<PayoutRecord[]> {
    const rows = await this.payouts.payoutsOf(actor.userId);
    return [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
}
