// A click on /r/:code: checked (link, campaign, board, owner), counted once per visitor per half
// hour, throttled per address, and sent on to the partner's landing page with a click id the
// partner reports back with the conversion.
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { Clock, RateLimitStore } from '@helpboard/core';
import { UnitOfWork } from '@helpboard/database';
import { BoardService, OperatorSuspensions } from '@helpboard/boards';
import { AuthService, UsersService } from '@helpboard/identity';
import { isCampaignAllowedOn } from '../campaign/campaign.service.js';
import { CampaignRepository } from '../campaign/campaign.repository.js';
import { CampaignStatus } from '../campaign/campaign.schema.js';
import { LinkRepository } from '../link/link.repository.js';
import { CODE_PATTERN } from '../link/short-code.js';
import { ReferralsKeys } from '../referrals-keys.js';
import { ClickRepository } from './click.repository.js';
import { ClickFlag, type ClickRecord } from './click.schema.js';

/** Repeated clicks by one visitor on one link within this time count once. */
export const CLICK_DEDUPE_MS = 30 * 60_000;
/** More clicks than this from one address within a minute are a burst: refused and flagged. */
export const CLICK_BURST_LIMIT = 20;
const BURST_WINDOW_MS = 60_000;
/** The landing URL parameter that carries the click id to the partner. */
export const CLICK_ID_PARAM = 'hb_click';
const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/;

export type UnavailableReason = 'UNKNOWN' | 'DISABLED' | 'ENDED' | 'PAUSED' | 'NOT_ALLOWED' | 'OWNER_SUSPENDED';

export type ClickOutcome =
  | { kind: 'redirect'; location: string; visitorId: string; clickId: string }
  | { kind: 'unavailable'; reason: UnavailableReason }
  | { kind: 'throttled'; retryAfterSeconds: number };

export interface ClickClient {
  ip: string;
  userAgent: string;
  /** From the visitor cookie; a new one is issued when absent or malformed. */
  visitorId: string | null;
}

const newId = (bytes: number) => randomBytes(bytes).toString('base64url');

@Injectable()
export class ClickService {
  constructor(
    private readonly links: LinkRepository,
    private readonly campaigns: CampaignRepository,
    private readonly clicks: ClickRepository,
    private readonly boards: BoardService,
    private readonly suspensions: OperatorSuspensions,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly rateLimits: RateLimitStore,
    private readonly keys: ReferralsKeys,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async click(code: string, client: ClickClient): Promise<ClickOutcome> {
    const now = this.clock.now();
    const link = CODE_PATTERN.test(code) ? await this.links.findByCode(code) : null;
    if (!link) return { kind: 'unavailable', reason: 'UNKNOWN' };
    if (link.disabledAt) return { kind: 'unavailable', reason: 'DISABLED' };
    // One round trip for the three checks: this is the path every reader's click takes.
    const [campaign, board, owner] = await Promise.all([
      this.campaigns.findById(link.campaignId),
      this.boards.requireById(link.boardId),
      this.users.findById(link.ownerId.toHexString()),
    ]);
    if (!campaign || campaign.status === CampaignStatus.ENDED) return { kind: 'unavailable', reason: 'ENDED' };
    if (campaign.status !== CampaignStatus.ACTIVE) return { kind: 'unavailable', reason: 'PAUSED' };
    if (!isCampaignAllowedOn(campaign, board)) return { kind: 'unavailable', reason: 'NOT_ALLOWED' };
    // A suspended rep (everywhere, or on this operator's boards) earns nothing new: readers get
    // the disclosure page, not the partner.
    if (
      !owner ||
      (owner.suspendedUntil && owner.suspendedUntil > now) ||
      (await this.suspensions.isSuspended(board.operatorId, owner._id.toHexString()))
    )
      return { kind: 'unavailable', reason: 'OWNER_SUSPENDED' };

    const ipHash = this.keys.clientHash.of(client.ip);
    const isKnownVisitor = client.visitorId !== null && VISITOR_ID.test(client.visitorId);
    const visitorId = isKnownVisitor ? client.visitorId! : newId(16);
    const burst = await this.rateLimits.hit(`referral-click:${ipHash}`, BURST_WINDOW_MS, now);
    const base = {
      linkId: link._id,
      campaignId: campaign._id,
      partnerId: campaign.partnerId,
      boardId: link.boardId,
      postId: link.postId,
      ownerId: link.ownerId,
      visitorId,
      ipHash,
      userAgentHash: this.keys.clientHash.of(client.userAgent.slice(0, 512)),
      at: now,
    };
    if (burst.count > CLICK_BURST_LIMIT) {
      // The first refused click is kept, flagged, for review; the flood after it is not stored.
      if (burst.count === CLICK_BURST_LIMIT + 1)
        await this.clicks.insert(this.newClick({ ...base, flags: [ClickFlag.BURST] }));
      return { kind: 'throttled', retryAfterSeconds: Math.ceil((burst.resetAt.getTime() - now.getTime()) / 1000) };
    }
    // A visit is found by the cookie, or without it (refused, private windows, scripts) by the same
    // address and browser, or every click of a cookieless client would count as a new one. A new
    // click starts the visit under both keys, so either finds it next time.
    const visitKeyOf = (visitor: string) =>
      createHash('sha256').update(`${link._id.toHexString()}|${visitor}`).digest('base64url');
    const byCookie = visitKeyOf(`v:${visitorId}`);
    const byClient = visitKeyOf(`c:${base.ipHash}:${base.userAgentHash}`);
    const lookup = isKnownVisitor ? byCookie : byClient;
    const isOwnerAddress = await this.auth.hasSignedInFrom(link.ownerId.toHexString(), client.ip);
    const since = new Date(now.getTime() - CLICK_DEDUPE_MS);
    // Read and (re)start the visit in one transaction: parallel clicks of one visitor all write the
    // visit document they looked up, so all but one conflict and rerun, and find the winner's click.
    const click = await this.unitOfWork.run(
      async ({ session: tx }) => {
        const visit = await this.clicks.visitOf(lookup, tx);
        if (visit && visit.startedAt >= since) return visit;
        const fresh = this.newClick({ ...base, flags: isOwnerAddress ? [ClickFlag.OWNER_IP] : [] });
        for (const key of [byCookie, byClient]) {
          await this.clicks.startVisit({ _id: key, publicId: fresh.publicId, visitorId, startedAt: now }, tx);
        }
        await this.clicks.insert(fresh, tx);
        return fresh;
      },
      { queueOn: `referral-visit:${lookup}` },
    );
    const location = new URL(campaign.landingUrl);
    location.searchParams.set(CLICK_ID_PARAM, click.publicId);
    return { kind: 'redirect', location: location.toString(), visitorId: click.visitorId, clickId: click.publicId };
  }

  private newClick(fields: Omit<ClickRecord, '_id' | 'publicId'>): ClickRecord {
    return { _id: new Types.ObjectId(), publicId: newId(18), ...fields };
  }
}
