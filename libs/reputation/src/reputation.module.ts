import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BoardsModule } from '@helpboard/boards';
import { IdentityModule } from '@helpboard/identity';
import { LedgerRepository } from './ledger/ledger.repository.js';
import {
  ReputationEntry,
  ReputationEntrySchema,
  ReputationTotal,
  ReputationTotalSchema,
} from './ledger/reputation-entry.schema.js';
import { ReputationListener } from './reputation.listener.js';
import { AuthorReputationResolver, LeaderboardResolver, UserReputationResolver } from './reputation.resolver.js';
import { ReputationService } from './reputation.service.js';
import { ReputationVerifier } from './reputation-verifier.js';
import { ReputationReader } from './reputation-reader.js';

@Module({
  imports: [
    IdentityModule,
    BoardsModule,
    MongooseModule.forFeature([
      { name: ReputationEntry.name, schema: ReputationEntrySchema },
      { name: ReputationTotal.name, schema: ReputationTotalSchema },
    ]),
  ],
  providers: [
    LedgerRepository,
    ReputationService,
    ReputationListener,
    ReputationVerifier,
    ReputationReader,
    UserReputationResolver,
    AuthorReputationResolver,
    LeaderboardResolver,
  ],
  exports: [ReputationVerifier, ReputationReader],
})
export class ReputationModule {}
