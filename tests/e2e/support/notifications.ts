// Notifications as a client sees them, and waiting (on a condition, not a clock) for live subscribers.
import { PubSub, PubSubEngine } from 'graphql-subscriptions';
import type { TestApp } from './test-app.js';
import type { TestUser } from './accounts.js';

export const NOTIFICATIONS = `query ($unread: Boolean) {
  notifications(first: 50, unreadOnly: $unread) { edges { node { id kind text threadId postId actorHandle isRead } } }
}`;

export async function notificationsOf(
  t: TestApp,
  user: TestUser,
  options: { unreadOnly?: boolean; locale?: string } = {},
) {
  const response = await t.graphql(
    NOTIFICATIONS,
    { unread: options.unreadOnly ?? null },
    { token: user.accessToken, headers: options.locale ? { 'accept-language': options.locale } : {} },
  );
  if (!response.data) throw new Error(`notifications failed: ${JSON.stringify(response.errors)}`);
  return (response.data.notifications.edges as { node: Record<string, any> }[]).map((edge) => edge.node);
}

/** Resolves once someone listens on the user's live notifications (the in-process engine only). */
export async function waitForNotificationSubscriber(t: TestApp, userId: string): Promise<void> {
  const engine = t.app.get(PubSubEngine) as PubSub & { ee: { listenerCount(name: string): number } };
  for (let attempt = 0; attempt < 500; attempt++) {
    if (engine.ee.listenerCount(`notification-added:${userId}`) > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('no live subscriber registered');
}
