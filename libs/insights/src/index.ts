export * from './insights.module.js';
export { EscalationJob } from './escalation/escalation.job.js';
export { EscalationTier } from './escalation/escalation.schema.js';
export { QuestionEscalated } from './escalation/question-escalated.event.js';
export { SupportCaseState } from './case/support-case.schema.js';
