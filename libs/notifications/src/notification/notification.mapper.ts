import { type Locale, translate } from '@helpboard/core';
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
