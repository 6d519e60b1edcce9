export * from './moderation.module.js';
export { CloseReason } from './moderation.service.js';
export { ModerationAction } from './audit-entry.schema.js';
export * from './events/post-deleted.event.js';
