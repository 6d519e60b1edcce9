import { type Locale, threadLink, translate } from '@helpboard/core';
import type { Notification } from './notification.model.js';
import type { NotificationRecord } from './notification.schema.js';

/** The text of a notification in a language; the values were captured when it happened. */
export function notificationText(record: Pick<NotificationRecord, 'kind' | 'params'>, locale: Locale): string {
  const params: Record<string, string> = { ...record.params };
  if (params.action) params.action = translate(`MODERATION_ACTION_${params.action}`, locale);
  if (params.badge) params.badge = translate(`BADGE_NAME_${params.badge}`, locale);
  if (params.tier) params.tier = translate(`BADGE_TIER_${params.tier}`, locale);
  return translate(`NOTIFICATION_${record.kind}${params.variant ? `_${params.variant}` : ''}`, locale, params);
}

/**
 * Where a notification leads on the site: its thread, scrolled to the comment (`comment:` and
 * `mention:` keys name one) or the answer it is about; null when it is about no thread (a badge).
 */
export function notificationLink(
  record: Pick<NotificationRecord, 'key' | 'threadId' | 'postId'>,
  publicUrl: string,
): string | null {
  if (!record.threadId) return null;
  const threadId = record.threadId.toHexString();
  const postId = record.postId?.toHexString() ?? null;
  const [prefix, subject] = record.key.split(':');
  const commentId = (prefix === 'comment' || prefix === 'mention') && subject && subject !== postId ? subject : null;
  // A question's post id is not an anchor; the thread page opens at the question anyway.
  const answerId = postId && postId !== threadId ? postId : null;
  return threadLink(publicUrl, threadId, { answerId, commentId });
}

/**
 * A notification as published to live subscribers: plain JSON (it may cross processes through
 * Redis), translated per subscriber when delivered.
 */
export interface LiveNotification extends Omit<Notification, 'text' | 'createdAt'> {
  params: Record<string, string>;
  createdAt: string;
}

export function toLiveNotification(record: NotificationRecord): LiveNotification {
  return {
    id: record._id.toHexString(),
    kind: record.kind,
    params: record.params,
    threadId: record.threadId?.toHexString() ?? null,
    postId: record.postId?.toHexString() ?? null,
    boardId: record.boardId?.toHexString() ?? null,
    actorHandle: record.params.actorHandle ?? null,
    isRead: record.readAt !== null,
    createdAt: record.createdAt.toISOString(),
  };
}

export function fromLiveNotification(live: LiveNotification, locale: Locale): Notification {
  const { params: _params, ...fields } = live;
  return { ...fields, text: notificationText(live, locale), createdAt: new Date(live.createdAt) };
}

export function toNotification(record: NotificationRecord, locale: Locale): Notification {
  return fromLiveNotification(toLiveNotification(record), locale);
}
