// What a notification is about, and how each kind reaches a user unless they chose otherwise.
import { registerEnumType } from '@nestjs/graphql';

export enum NotificationKind {
  /** An answer on a question you asked or follow. */
  NEW_ANSWER = 'NEW_ANSWER',
  /** A comment on your post, or in a thread you asked. */
  NEW_COMMENT = 'NEW_COMMENT',
  /** The asker accepted your answer. */
  ANSWER_ACCEPTED = 'ANSWER_ACCEPTED',
  /** Board staff marked your answer official. */
  ANSWER_OFFICIAL = 'ANSWER_OFFICIAL',
  /** Someone @mentioned you. */
  MENTION = 'MENTION',
  /** You earned a badge. */
  BADGE_EARNED = 'BADGE_EARNED',
  /** A moderator acted on your post, your thread or your account. */
  MODERATION = 'MODERATION',
  /** A new question on a board or tag you follow. */
  NEW_QUESTION = 'NEW_QUESTION',
  /** An escalated question was routed to you (experts and staff). */
  ESCALATION = 'ESCALATION',
  /** Early warning on a board you staff: a spike, a burst of negative posts, an influential user unhappy. */
  INSIGHT_ALERT = 'INSIGHT_ALERT',
  /** One of your referral commissions changed state (pending, approved, paid, rejected, reversed). */
  COMMISSION = 'COMMISSION',
}
registerEnumType(NotificationKind, { name: 'NotificationKind', description: 'What a notification is about.' });

export enum NotificationChannel {
  /** Shown in the app (and live over the subscription) only. */
  IN_APP = 'IN_APP',
  /** In the app, and by e-mail at once. */
  EMAIL = 'EMAIL',
  /** In the app, and in one daily digest e-mail. */
  DIGEST = 'DIGEST',
  /** Not at all. */
  OFF = 'OFF',
}
registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'How notifications of a kind reach you: every channel but OFF also shows them in the app.',
});

/** Everything is in-app until a user asks for e-mail; moderation, escalations and alerts matter enough to mail. */
export const DEFAULT_CHANNELS: Record<NotificationKind, NotificationChannel> = {
  [NotificationKind.NEW_ANSWER]: NotificationChannel.IN_APP,
  [NotificationKind.NEW_COMMENT]: NotificationChannel.IN_APP,
  [NotificationKind.ANSWER_ACCEPTED]: NotificationChannel.IN_APP,
  [NotificationKind.ANSWER_OFFICIAL]: NotificationChannel.IN_APP,
  [NotificationKind.MENTION]: NotificationChannel.IN_APP,
  [NotificationKind.BADGE_EARNED]: NotificationChannel.IN_APP,
  [NotificationKind.MODERATION]: NotificationChannel.EMAIL,
  [NotificationKind.NEW_QUESTION]: NotificationChannel.DIGEST,
  [NotificationKind.ESCALATION]: NotificationChannel.EMAIL,
  [NotificationKind.INSIGHT_ALERT]: NotificationChannel.EMAIL,
  [NotificationKind.COMMISSION]: NotificationChannel.IN_APP,
};
