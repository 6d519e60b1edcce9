export * from './notifications.module.js';
export {
  Notifier,
  type NotificationFact,
  NOTIFICATION_EMAIL_TOPIC,
  NOTIFICATION_FANOUT_TOPIC,
  INLINE_RECIPIENTS,
} from './notification/notifier.js';
export { NotificationKind, NotificationChannel } from './notification/notification-kind.js';
export { FollowService } from './follow/follow.service.js';
export { PreferenceService } from './preference/preference.service.js';
export { DigestJob } from './mail/digest.job.js';
export { MailTransport } from './mail/mail-transport.js';
export { EmailDelivery } from './mail/email-delivery.js';
export { ThreadFollowed } from './events/thread-followed.event.js';
export { NotificationService } from './notification/notification.service.js';
export { notificationLink, notificationText } from './notification/notification.mapper.js';
export type { NotificationRecord } from './notification/notification.schema.js';
