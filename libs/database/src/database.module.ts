import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EmbeddedMongoHost } from './embedded-mongo.host.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { OutboxRepository } from './outbox/outbox.repository.js';
import { OutboxMessage, OutboxMessageSchema } from './outbox/outbox.schema.js';
import { UnitOfWork } from './transaction/unit-of-work.js';
import { InTransactionHandlers } from './transaction/in-transaction-handlers.js';
import { DatabaseHealth } from './database-health.js';
import { AfterCommitJobs } from './after-commit/after-commit-jobs.js';
import { AppliedJob, AppliedJobSchema } from './after-commit/applied-job.schema.js';

/** Owns the one EmbeddedMongoHost, so mongoose and shutdown see the same engine. */
@Module({ providers: [EmbeddedMongoHost], exports: [EmbeddedMongoHost] })
export class EmbeddedMongoModule {}

@Global()
@Module({
  imports: [
    EmbeddedMongoModule,
    MongooseModule.forRootAsync({
      imports: [EmbeddedMongoModule],
      inject: [EmbeddedMongoHost],
      useFactory: async (host: EmbeddedMongoHost) => ({
        uri: await host.uri(),
        // Fail fast instead of queueing operations while the database is unreachable.
        bufferCommands: false,
        serverSelectionTimeoutMS: 10_000,
        // Command events let tests and metrics count database round trips per request.
        monitorCommands: true,
      }),
    }),
    MongooseModule.forFeature([
      { name: OutboxMessage.name, schema: OutboxMessageSchema },
      { name: AppliedJob.name, schema: AppliedJobSchema },
    ]),
  ],
  providers: [OutboxRepository, OutboxRelay, UnitOfWork, InTransactionHandlers, AfterCommitJobs, DatabaseHealth],
  exports: [
    MongooseModule,
    EmbeddedMongoModule,
    UnitOfWork,
    InTransactionHandlers,
    OutboxRelay,
    AfterCommitJobs,
    DatabaseHealth,
  ],
})
export class DatabaseModule {}
