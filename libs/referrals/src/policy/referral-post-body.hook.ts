// Registered with threads' PostBodyHooks: inside the transaction that stores a post, partner
// landing URLs of a campaign the board allows become the author's first-party /r/:code link (so
// clicks are tracked and disclosed); links of campaigns the board does not allow are refused.
// The post's referral links are recorded for the disclosure label.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Types } from 'mongoose';
import { InvalidInputError } from '@helpboard/core';
import { BoardService } from '@helpboard/boards';
import type { TransactionContext } from '@helpboard/database';
import { type PostBodyWrite, PostBodyHooks } from '@helpboard/threads';
import { CampaignRepository } from '../campaign/campaign.repository.js';
import { type CampaignRecord, CampaignStatus } from '../campaign/campaign.schema.js';
import { isCampaignAllowedOn } from '../campaign/campaign.service.js';
import { LinkRepository } from '../link/link.repository.js';
import type { LinkRecord } from '../link/link.schema.js';
import { LinkService } from '../link/link.service.js';

const URL_PATTERN = /https?:\/\/[^\s<>()[\]"'`]+/gi;
const FIRST_PARTY_PATTERN = /(?:^|[^\w/.-])(?:https?:\/\/[^\s/]+)?\/r\/([2-9a-hjkmnp-z]{10})(?![\w-])/g;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

function landingMatches(url: URL, campaign: CampaignRecord): boolean {
  const landing = new URL(campaign.landingUrl);
  return url.hostname.toLowerCase() === campaign.landingHost && url.pathname.startsWith(landing.pathname);
}

function notAllowed(): InvalidInputError {
  return new InvalidInputError(
    [{ field: 'body', message: 'CAMPAIGN_NOT_ALLOWED_ON_BOARD' }],
    'CAMPAIGN_NOT_ALLOWED_ON_BOARD',
  );
}

@Injectable()
export class ReferralPostBodyHook implements OnModuleInit {
  constructor(
    private readonly hooks: PostBodyHooks,
    private readonly campaigns: CampaignRepository,
    private readonly links: LinkRepository,
    private readonly linkService: LinkService,
    private readonly boards: BoardService,
  ) {}

  onModuleInit(): void {
    this.hooks.register((write, tx) => this.apply(write, tx));
  }

  async apply(write: PostBodyWrite, tx: TransactionContext): Promise<string> {
    const postId = new Types.ObjectId(write.postId);
    const hasUrls = URL_PATTERN.test(write.body) || write.body.includes('/r/');
    URL_PATTERN.lastIndex = 0;
    if (!hasUrls) {
      // An edit that removed every link also removes the disclosure.
      if (!write.isNew) await this.links.replacePostLinks(postId, [], tx.session);
      return write.body;
    }
    const board = await this.boards.requireById(new Types.ObjectId(write.boardId));
    const found = new Map<string, LinkRecord>();
    const body = await this.rewriteLandingUrls(write, board, postId, found, tx);

    let result = body;
    const codes = [...body.matchAll(FIRST_PARTY_PATTERN)].map((match) => match[1]);
    if (codes.length > 0) {
      const links = await this.links.findByCodes(codes, tx.session);
      const campaigns = await this.campaigns.findByIds(
        [...new Set(links.map((l) => l.campaignId.toHexString()))].map((id) => new Types.ObjectId(id)),
        tx.session,
      );
      const authorId = new Types.ObjectId(write.authorId);
      for (const link of links) {
        const campaign = campaigns.find((c) => c._id.equals(link.campaignId));
        if (!campaign || !isCampaignAllowedOn(campaign, board)) throw notAllowed();
        // Someone else's link, or one made for another post, becomes the author's link for this
        // post: the disclosure ("the author may earn") stays true and earnings go to this answer.
        const isOwnForPost = link.ownerId.equals(authorId) && link.postId?.equals(postId) === true;
        const kept = isOwnForPost
          ? link
          : await this.linkService.linkFor(authorId, campaign, board._id, postId, tx.session);
        if (kept !== link) result = result.replaceAll(`/r/${link.code}`, `/r/${kept.code}`);
        found.set(kept._id.toHexString(), kept);
      }
    }
    if (write.isNew && found.size === 0) return result;
    await this.links.replacePostLinks(
      postId,
      [...found.values()].map((link) => ({ postId, linkId: link._id, campaignId: link.campaignId })),
      tx.session,
    );
    return result;
  }

  private async rewriteLandingUrls(
    write: PostBodyWrite,
    board: Awaited<ReturnType<BoardService['requireById']>>,
    postId: Types.ObjectId,
    found: Map<string, LinkRecord>,
    tx: TransactionContext,
  ): Promise<string> {
    const urls = [...write.body.matchAll(URL_PATTERN)].map((match) => ({
      index: match.index,
      text: match[0].replace(TRAILING_PUNCTUATION, ''),
    }));
    const parsed = urls.flatMap((url) => {
      try {
        return [{ ...url, url: new URL(url.text) }];
      } catch {
        return [];
      }
    });
    if (parsed.length === 0) return write.body;
    const candidates = await this.campaigns.findByLandingHosts(
      [...new Set(parsed.map((p) => p.url.hostname.toLowerCase()))],
      tx.session,
    );
    if (candidates.length === 0) return write.body;
    let body = '';
    let cursor = 0;
    for (const { index, text, url } of parsed) {
      const campaign = candidates.find((c) => landingMatches(url, c));
      if (!campaign) continue;
      if (!isCampaignAllowedOn(campaign, board)) throw notAllowed();
      // Allowed but paused: the URL stays as written, untracked and earning nothing.
      if (campaign.status !== CampaignStatus.ACTIVE) continue;
      const link = await this.linkService.linkFor(
        new Types.ObjectId(write.authorId),
        campaign,
        board._id,
        postId,
        tx.session,
      );
      found.set(link._id.toHexString(), link);
      const isMarkdownTarget = write.body.slice(Math.max(0, index - 2), index) === '](';
      body +=
        write.body.slice(cursor, index) + (isMarkdownTarget ? `/r/${link.code}` : `[${url.hostname}](/r/${link.code})`);
      cursor = index + text.length;
    }
    return body + write.body.slice(cursor);
  }
}
