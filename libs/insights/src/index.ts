export * from './insights.module.js';
export { EscalationJob } from './escalation/escalation.job.js';
export { EscalationQueueService } from './escalation/escalation-queue.service.js';
export { EscalationTier } from './escalation/escalation.schema.js';
export { QuestionEscalated } from './escalation/question-escalated.event.js';
export { SupportCaseState } from './case/support-case.schema.js';
export { ShareChannel } from './share/answer-share.schema.js';
export { DEFLECTION_WINDOW_MS, DeflectionService } from './deflection/deflection.service.js';
