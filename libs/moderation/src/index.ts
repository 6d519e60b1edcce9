export * from './moderation.module.js';
export { CloseReason } from './moderation.service.js';
export { ModerationAction } from './audit-entry.schema.js';
export * from './events/post-deleted.event.js';
export * from './events/moderation-events.js';
export { FlagReason, FlagStatus } from './flag.schema.js';
export { ModerationService } from './moderation.service.js';
export { FlagService } from './flag.service.js';
