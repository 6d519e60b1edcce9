export * from './insights.module.js';
export { EscalationJob } from './escalation/escalation.job.js';
export { EscalationTier } from './escalation/escalation.schema.js';
export { QuestionEscalated } from './escalation/question-escalated.event.js';
export { SupportCaseState } from './case/support-case.schema.js';
export { ShareChannel } from './share/answer-share.schema.js';
export { DEFLECTION_WINDOW_MS } from './deflection/deflection.service.js';
export { EarlyWarningJob } from './alerts/early-warning.job.js';
export { BoardInsightsService, InsightGranularity } from './metrics/board-insights.service.js';
