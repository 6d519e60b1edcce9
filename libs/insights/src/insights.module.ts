import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BoardsModule } from '@helpboard/boards';
import { NotificationsModule } from '@helpboard/notifications';
import { ReputationModule } from '@helpboard/reputation';
import { ThreadsModule } from '@helpboard/threads';
import './insights.messages.js';
import { SupportCaseRepository } from './case/support-case.repository.js';
import { SupportCaseRecord, SupportCaseSchema } from './case/support-case.schema.js';
import { SupportCaseService } from './case/support-case.service.js';
import { EscalationJob } from './escalation/escalation.job.js';
import { EscalationListener } from './escalation/escalation.listener.js';
import { EscalationQueueService } from './escalation/escalation-queue.service.js';
import { EscalationRepository } from './escalation/escalation.repository.js';
import {
  EscalationStep,
  EscalationStepSchema,
  EscalationTrack,
  EscalationTrackSchema,
} from './escalation/escalation.schema.js';
import { EscalationService } from './escalation/escalation.service.js';
import { EscalationResolver, ThreadCaseFieldsResolver } from './insights.resolver.js';

@Module({
  imports: [
    BoardsModule,
    ThreadsModule,
    NotificationsModule,
    ReputationModule,
    MongooseModule.forFeature([
      { name: EscalationTrack.name, schema: EscalationTrackSchema },
      { name: EscalationStep.name, schema: EscalationStepSchema },
      { name: SupportCaseRecord.name, schema: SupportCaseSchema },
    ]),
  ],
  providers: [
    EscalationRepository,
    EscalationService,
    EscalationQueueService,
    EscalationListener,
    EscalationJob,
    SupportCaseRepository,
    SupportCaseService,
    EscalationResolver,
    ThreadCaseFieldsResolver,
  ],
  exports: [EscalationJob],
})
export class InsightsModule {}
