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
import { AskSessionRepository } from './deflection/ask-session.repository.js';
import { AskSessionRecord, AskSessionSchema } from './deflection/ask-session.schema.js';
import { DeflectionListener } from './deflection/deflection.listener.js';
import { DeflectionResolver } from './deflection/deflection.resolver.js';
import { DeflectionService } from './deflection/deflection.service.js';
import { AnswerShareRepository } from './share/answer-share.repository.js';
import { AnswerShareResolver } from './share/answer-share.resolver.js';
import { AnswerShareRecord, AnswerShareSchema } from './share/answer-share.schema.js';
import { AnswerShareService } from './share/answer-share.service.js';
import { ShareController } from './share/share.controller.js';

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
      { name: AnswerShareRecord.name, schema: AnswerShareSchema },
      { name: AskSessionRecord.name, schema: AskSessionSchema },
    ]),
  ],
  controllers: [ShareController],
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
    AnswerShareRepository,
    AnswerShareService,
    AnswerShareResolver,
    AskSessionRepository,
    DeflectionService,
    DeflectionListener,
    DeflectionResolver,
  ],
  exports: [EscalationJob, DeflectionService, EscalationQueueService],
})
export class InsightsModule {}
