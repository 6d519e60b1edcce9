// Referral links: a rep's personal, unguessable code for one campaign on one board, optionally
// tied to the answer it is posted in so that clicks and earnings are credited to that answer.
import { Injectable } from '@nestjs/common';
import type { ClientSession } from 'mongoose';
import { Types } from 'mongoose';
import { type Actor, Clock, ForbiddenError, InvalidInputError, PreconditionFailedError } from '@helpboard/core';
import { BoardAccessService, BoardAction, type BoardRecord, BoardService } from '@helpboard/boards';
import { ThreadStateService } from '@helpboard/threads';
import { isCampaignAllowedOn, CampaignService } from '../campaign/campaign.service.js';
import { type CampaignRecord, CampaignStatus } from '../campaign/campaign.schema.js';
import { LinkRepository } from './link.repository.js';
import { type LinkRecord } from './link.schema.js';
import { newShortCode } from './short-code.js';

export interface NewLink {
  campaignId: string;
  answerId?: string | null;
  boardSlug?: string | null;
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

@Injectable()
export class LinkService {
  constructor(
    private readonly links: LinkRepository,
    private readonly campaigns: CampaignService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly posts: ThreadStateService,
    private readonly clock: Clock,
  ) {}

  async createLink(actor: Actor, input: NewLink): Promise<LinkRecord> {
    const campaign = await this.campaigns.requireCampaign(input.campaignId);
    if (campaign.status !== CampaignStatus.ACTIVE) throw new PreconditionFailedError('CAMPAIGN_NOT_ACTIVE');
    let board: BoardRecord;
    let postId: Types.ObjectId | null = null;
    if (input.answerId) {
      const post = await this.posts.requirePost(input.answerId);
      if (!post.authorId.equals(actor.userId)) throw new ForbiddenError('LINK_FOR_OWN_POSTS_ONLY');
      board = await this.boards.requireById(post.boardId);
      postId = post._id;
    } else if (input.boardSlug) {
      board = await this.boards.requireBoard(input.boardSlug);
    } else if (campaign.boardIds.length === 1) {
      board = await this.boards.requireById(campaign.boardIds[0]);
    } else {
      throw new InvalidInputError([{ field: 'boardSlug', message: 'BOARD_REQUIRED' }]);
    }
    await this.access.assert(actor, BoardAction.Participate, board);
    if (!isCampaignAllowedOn(campaign, board)) {
      throw new InvalidInputError(
        [{ field: 'campaignId', message: 'CAMPAIGN_NOT_ALLOWED_ON_BOARD' }],
        'CAMPAIGN_NOT_ALLOWED_ON_BOARD',
      );
    }
    return this.linkFor(new Types.ObjectId(actor.userId), campaign, board._id, postId);
  }

  /** The owner's link for a campaign and post, made on first use (post body rewriting reuses it). */
  async linkFor(
    ownerId: Types.ObjectId,
    campaign: CampaignRecord,
    boardId: Types.ObjectId,
    postId: Types.ObjectId | null,
    session?: ClientSession,
  ): Promise<LinkRecord> {
    if (postId) {
      const existing = await this.links.findForPost(ownerId, campaign._id, postId, session);
      if (existing) return existing;
    }
    for (let attempt = 0; ; attempt++) {
      const link: LinkRecord = {
        _id: new Types.ObjectId(),
        code: newShortCode(),
        campaignId: campaign._id,
        partnerId: campaign.partnerId,
        ownerId,
        boardId,
        postId,
        disabledAt: null,
        createdAt: this.clock.now(),
      };
      try {
        await this.links.insert(link, session);
        return link;
      } catch (error) {
        // A code collision (about one in 10^14 per pair) is retried; anything else is not ours.
        if (!isDuplicateKey(error) || attempt >= 3) throw error;
      }
    }
  }

  linksOf(actor: Actor, limit: number, before?: Types.ObjectId): Promise<LinkRecord[]> {
    return this.links.forOwner(new Types.ObjectId(actor.userId), limit, before);
  }
}
