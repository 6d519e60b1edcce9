import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, Clock, type Connection, CurrentActor, PageArgs, SignedIn, toConnection } from '@helpboard/core';
import { CampaignStatus } from '../campaign/campaign.schema.js';
import { CampaignService } from '../campaign/campaign.service.js';
import { LinkService } from '../link/link.service.js';
import { MyLinksService } from '../link/my-links.service.js';
import { CommissionKind } from '../money/commission-rule.js';
import { PartnerService } from '../partner/partner.service.js';
import { toCampaign, toPartner, toReferralLink } from './referrals.mapper.js';
import { CreateCampaignInput, CreatePartnerInput, CreateReferralLinkInput } from './referrals.inputs.js';
import { Campaign, PartnerWithSecret, ReferralLink, ReferralLinkConnection } from './referrals.model.js';
import { idPage } from './page.js';

@Resolver()
export class ReferralsResolver {
  constructor(
    private readonly partners: PartnerService,
    private readonly campaigns: CampaignService,
    private readonly links: LinkService,
    private readonly myLinks: MyLinksService,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Mutation(() => PartnerWithSecret, {
    description: 'Operator admins: a new partner. Its webhook secret is in the answer and never shown again.',
  })
  async createPartner(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The partner.' }) input: CreatePartnerInput,
  ): Promise<PartnerWithSecret> {
    const { partner, webhookSecret } = await this.partners.createPartner(actor, input.operatorSlug, input.name);
    return { partner: toPartner(partner, this.clock.now()), webhookSecret };
  }

  @SignedIn()
  @Mutation(() => PartnerWithSecret, {
    description: 'Operator admins: a new webhook secret; the current one keeps working for the overlap.',
  })
  async rotatePartnerSecret(
    @CurrentActor() actor: Actor,
    @Args('partnerId', { type: () => ID, description: 'The partner.' }) partnerId: string,
    @Args('overlapHours', {
      type: () => Int,
      nullable: true,
      description: 'Hours the old secret stays valid (0–168, default 24).',
    })
    overlapHours?: number | null,
  ): Promise<PartnerWithSecret> {
    const { partner, webhookSecret } = await this.partners.rotateSecret(actor, partnerId, overlapHours ?? undefined);
    return { partner: toPartner(partner, this.clock.now()), webhookSecret };
  }

  @SignedIn()
  @Mutation(() => Campaign, { description: "Operator admins: a partner's campaign, created as DRAFT." })
  async createCampaign(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The campaign.' }) input: CreateCampaignInput,
  ): Promise<Campaign> {
    const rule = input.commission;
    return toCampaign(
      await this.campaigns.createCampaign(actor, {
        ...input,
        commission: {
          kind: rule.kind,
          amountMinor: rule.kind === CommissionKind.FIXED ? (rule.amountMinor ?? null) : null,
          basisPoints: rule.kind === CommissionKind.PERCENT ? (rule.basisPoints ?? null) : null,
          currency: rule.currency,
        },
      }),
    );
  }

  @SignedIn()
  @Mutation(() => Campaign, {
    description:
      "Operator admins: activate, pause or end a campaign. Activating needs every board's settings to allow it.",
  })
  async setCampaignStatus(
    @CurrentActor() actor: Actor,
    @Args('campaignId', { type: () => ID, description: 'The campaign.' }) campaignId: string,
    @Args('status', { type: () => CampaignStatus, description: 'The new status.' }) status: CampaignStatus,
  ): Promise<Campaign> {
    return toCampaign(await this.campaigns.setStatus(actor, campaignId, status));
  }

  @SignedIn()
  @Mutation(() => ReferralLink, {
    description: 'Your personal link for a campaign, optionally for one of your answers.',
  })
  async createReferralLink(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The link.' }) input: CreateReferralLinkInput,
  ): Promise<ReferralLink> {
    const link = await this.links.createLink(actor, input);
    const [withStats] = await this.myLinks.withStats([link]);
    return toReferralLink(withStats);
  }

  @SignedIn()
  @Query(() => ReferralLinkConnection, { description: 'Your referral links, newest first, with clicks and earnings.' })
  async myReferralLinks(@CurrentActor() actor: Actor, @Args() args: PageArgs): Promise<Connection<ReferralLink>> {
    const { size, before } = idPage(args);
    const rows = await this.myLinks.linksOf(actor, size + 1, before);
    return toConnection(rows, size, Boolean(before), (row) => [row.link._id.toHexString()], toReferralLink);
  }
}
