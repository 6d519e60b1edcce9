import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BoardsModule } from '@helpboard/boards';
import { IdentityModule } from '@helpboard/identity';
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
import { BoardInsightsResolver } from './metrics/board-insights.resolver.js';
import { BoardInsightsService } from './metrics/board-insights.service.js';
import { InsightBucketRepository } from './metrics/insight-bucket.repository.js';
import { InsightBucket, InsightBucketSchema } from './metrics/insight-bucket.schema.js';
import { InsightThreadRepository } from './metrics/insight-thread.repository.js';
import { InsightThread, InsightThreadSchema } from './metrics/insight-thread.schema.js';
import { InsightsListener } from './metrics/insights.listener.js';
import { InsightsFacts } from './metrics/insights-facts.js';
import { InsightsRecorder } from './metrics/insights-recorder.js';
import { StaffDirectory } from './metrics/staff-directory.js';
import { PostSignalRepository } from './signals/post-signal.repository.js';
import { PostSignalResolver } from './signals/post-signal.resolver.js';
import { PostSignal, PostSignalSchema } from './signals/post-signal.schema.js';
import { PostSignalService } from './signals/post-signal.service.js';
import { TrendingService } from './signals/trending.service.js';
import { AlertRepository } from './alerts/alert.repository.js';
import { AlertResolver } from './alerts/alert.resolver.js';
import { AlertRecord, AlertSchema } from './alerts/alert.schema.js';
import { AlertService } from './alerts/alert.service.js';
import { EarlyWarningDetector } from './alerts/early-warning.detector.js';
import { EarlyWarningJob } from './alerts/early-warning.job.js';
import { InfluenceStatRepository } from './influence/influence-stat.repository.js';
import { InfluenceStat, InfluenceStatSchema } from './influence/influence-stat.schema.js';
import { InfluenceListener } from './influence/influence.listener.js';
import { InfluenceCredit } from './influence/influence-credit.js';
import { InfluenceResolver } from './influence/influence.resolver.js';
import { InfluenceService } from './influence/influence.service.js';

@Module({
  imports: [
    IdentityModule,
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
      { name: InsightBucket.name, schema: InsightBucketSchema },
      { name: InsightThread.name, schema: InsightThreadSchema },
      { name: PostSignal.name, schema: PostSignalSchema },
      { name: AlertRecord.name, schema: AlertSchema },
      { name: InfluenceStat.name, schema: InfluenceStatSchema },
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
    InsightBucketRepository,
    InsightThreadRepository,
    StaffDirectory,
    InsightsRecorder,
    InsightsListener,
    InsightsFacts,
    BoardInsightsService,
    BoardInsightsResolver,
    PostSignalRepository,
    PostSignalService,
    PostSignalResolver,
    TrendingService,
    AlertRepository,
    AlertService,
    EarlyWarningDetector,
    EarlyWarningJob,
    AlertResolver,
    InfluenceStatRepository,
    InfluenceService,
    InfluenceCredit,
    InfluenceListener,
    InfluenceResolver,
  ],
  // The deflection, queue, case and alert services serve the site's pages (apps/web).
  exports: [
    AlertService,
    EscalationJob,
    EarlyWarningJob,
    BoardInsightsService,
    DeflectionService,
    EscalationQueueService,
    SupportCaseService,
    // The site's share action on answers.
    AnswerShareService,
  ],
})
export class InsightsModule {}
