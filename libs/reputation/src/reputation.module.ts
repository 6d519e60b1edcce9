import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BoardsModule } from '@helpboard/boards';
import { IdentityModule } from '@helpboard/identity';
import { LedgerRepository } from './ledger/ledger.repository.js';
import { AuthorBadgesResolver, BadgeResolver, UserBadgesResolver } from './badges/badge.resolver.js';
import { BadgeRecord, BadgeSchema } from './badges/badge.schema.js';
import { BadgeService } from './badges/badge.service.js';
import { BountyResolver } from './bounties/bounty.resolver.js';
import { UserImportedBadgesResolver } from './import/imported-badge.resolver.js';
import { BountyRecord, BountySchema } from './bounties/bounty.schema.js';
import { BountyService } from './bounties/bounty.service.js';
import { SerialVotingJob } from './serial-voting.job.js';
import { Privileges } from './privileges.js';
import { PrivilegesResolver } from './privileges.resolver.js';
import { ThreadsModule } from '@helpboard/threads';
import {
  ReputationEntry,
  ReputationEntrySchema,
  ReputationPeriodTotal,
  ReputationPeriodTotalSchema,
  ReputationTotal,
  ReputationTotalSchema,
} from './ledger/reputation-entry.schema.js';
import { ReputationListener } from './reputation.listener.js';
import { AuthorReputationResolver, LeaderboardResolver, UserReputationResolver } from './reputation.resolver.js';
import { ReputationService } from './reputation.service.js';
import { ReputationVerifier } from './reputation-verifier.js';
import { ReputationReader } from './reputation-reader.js';
import { ProfileReader } from './profile/profile-reader.js';
import { ImportedReputationService } from './import/imported-reputation.service.js';
import { ImportedProjectionsRepository } from './import/imported-projections.repository.js';
import { ImportedBadgesService } from './import/imported-badges.service.js';
import { ImportedBadgeRecord, ImportedBadgeSchema } from './import/imported-badge.schema.js';

@Module({
  imports: [
    IdentityModule,
    BoardsModule,
    ThreadsModule,
    MongooseModule.forFeature([
      { name: ReputationEntry.name, schema: ReputationEntrySchema },
      { name: ReputationTotal.name, schema: ReputationTotalSchema },
      { name: ReputationPeriodTotal.name, schema: ReputationPeriodTotalSchema },
      { name: BadgeRecord.name, schema: BadgeSchema },
      { name: BountyRecord.name, schema: BountySchema },
      { name: ImportedBadgeRecord.name, schema: ImportedBadgeSchema },
    ]),
  ],
  providers: [
    LedgerRepository,
    ReputationService,
    ReputationListener,
    ReputationVerifier,
    ReputationReader,
    ProfileReader,
    UserReputationResolver,
    AuthorReputationResolver,
    LeaderboardResolver,
    BadgeService,
    BadgeResolver,
    UserBadgesResolver,
    AuthorBadgesResolver,
    UserImportedBadgesResolver,
    BountyService,
    BountyResolver,
    SerialVotingJob,
    Privileges,
    PrivilegesResolver,
    ImportedReputationService,
    ImportedProjectionsRepository,
    ImportedBadgesService,
  ],
  exports: [
    ImportedBadgesService,
    ProfileReader,
    ReputationVerifier,
    ReputationReader,
    BountyService,
    SerialVotingJob,
    Privileges,
    ImportedReputationService,
    BadgeService,
  ],
})
export class ReputationModule {}
