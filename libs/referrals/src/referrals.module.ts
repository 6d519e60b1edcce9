import { RepDeskService } from './link/rep-desk.service.js';
import { ReferralDisclosures } from './link/referral-disclosures.js';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BoardsModule } from '@helpboard/boards';
import { IdentityModule } from '@helpboard/identity';
import { ThreadsModule } from '@helpboard/threads';
import './referrals.messages.js';
import { ReferralAuditRepository } from './audit/referral-audit.repository.js';
import { ReferralAuditEntry, ReferralAuditSchema } from './audit/referral-audit.schema.js';
import { CampaignRepository } from './campaign/campaign.repository.js';
import { CampaignRecord, CampaignSchema } from './campaign/campaign.schema.js';
import { CampaignService } from './campaign/campaign.service.js';
import { ClickController } from './click/click.controller.js';
import { ClickRepository } from './click/click.repository.js';
import { ClickRecord, ClickSchema, ClickVisitRecord, ClickVisitSchema } from './click/click.schema.js';
import { ClickService } from './click/click.service.js';
import { CommissionApprovalJob } from './commission/commission-approval.job.js';
import { CommissionRepository } from './commission/commission.repository.js';
import {
  AdjustmentRecord,
  AdjustmentSchema,
  CommissionRecord,
  CommissionSchema,
} from './commission/commission.schema.js';
import { CommissionService } from './commission/commission.service.js';
import { CommissionReviewService } from './commission/commission-review.service.js';
import { AttributionService } from './conversion/attribution.js';
import { ConversionWebhookController } from './conversion/conversion-webhook.controller.js';
import { ConversionRepository } from './conversion/conversion.repository.js';
import { ConversionRecord, ConversionSchema } from './conversion/conversion.schema.js';
import { ConversionService } from './conversion/conversion.service.js';
import { CommissionResolver } from './graphql/commission.resolver.js';
import { PostDisclosureResolver } from './graphql/post-disclosure.resolver.js';
import { ReferralsResolver } from './graphql/referrals.resolver.js';
import { LinkRepository } from './link/link.repository.js';
import { LinkRecord, LinkSchema, PostLinkRecord, PostLinkSchema } from './link/link.schema.js';
import { LinkService } from './link/link.service.js';
import { MyLinksService } from './link/my-links.service.js';
import { PartnerRepository } from './partner/partner.repository.js';
import { PartnerRecord, PartnerSchema } from './partner/partner.schema.js';
import { PartnerService } from './partner/partner.service.js';
import { PayoutRepository } from './payout/payout.repository.js';
import { PayoutRecord, PayoutSchema } from './payout/payout.schema.js';
import { PayoutService } from './payout/payout.service.js';
import { ReferralModerationListener } from './policy/moderation.listener.js';
import { ReferralPostBodyHook } from './policy/referral-post-body.hook.js';
import { ReferralsKeys } from './referrals-keys.js';
import { CampaignReportService } from './report/campaign-report.service.js';
import { RepEarningsService } from './report/rep-earnings.service.js';
import { PartnerReportController } from './report/partner-report.controller.js';

@Module({
  imports: [
    IdentityModule,
    BoardsModule,
    ThreadsModule,
    MongooseModule.forFeature([
      { name: PartnerRecord.name, schema: PartnerSchema },
      { name: CampaignRecord.name, schema: CampaignSchema },
      { name: LinkRecord.name, schema: LinkSchema },
      { name: PostLinkRecord.name, schema: PostLinkSchema },
      { name: ClickRecord.name, schema: ClickSchema },
      { name: ClickVisitRecord.name, schema: ClickVisitSchema },
      { name: ConversionRecord.name, schema: ConversionSchema },
      { name: CommissionRecord.name, schema: CommissionSchema },
      { name: AdjustmentRecord.name, schema: AdjustmentSchema },
      { name: PayoutRecord.name, schema: PayoutSchema },
      { name: ReferralAuditEntry.name, schema: ReferralAuditSchema },
    ]),
  ],
  controllers: [ClickController, ConversionWebhookController, PartnerReportController],
  providers: [
    RepDeskService,
    ReferralDisclosures,
    ReferralsKeys,
    ReferralAuditRepository,
    PartnerRepository,
    CampaignRepository,
    LinkRepository,
    ClickRepository,
    ConversionRepository,
    CommissionRepository,
    PayoutRepository,
    PartnerService,
    CampaignService,
    LinkService,
    MyLinksService,
    ClickService,
    AttributionService,
    ConversionService,
    CommissionService,
    CommissionReviewService,
    CommissionApprovalJob,
    PayoutService,
    CampaignReportService,
    RepEarningsService,
    ReferralPostBodyHook,
    ReferralModerationListener,
    ReferralsResolver,
    CommissionResolver,
    PostDisclosureResolver,
  ],
  // RepEarningsService: the site's referral page for reps.
  exports: [CommissionApprovalJob, ReferralAuditRepository, ReferralDisclosures, RepEarningsService, RepDeskService],
})
export class ReferralsModule {}
