import { Args, Context, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { PubSubEngine } from 'graphql-subscriptions';
import {
  type Actor,
  ConnectionType,
  CurrentActor,
  type Locale,
  pageSize,
  SignedIn,
  toConnection,
} from '@helpboard/core';
import { fromLiveNotification, type LiveNotification, toNotification } from './notification.mapper.js';
import { Notification, NotificationsArgs } from './notification.model.js';
import { NotificationService } from './notification.service.js';
import { notificationTopic } from './notifier.js';

export const NotificationConnection = ConnectionType(Notification);

interface LocaleContext {
  locale: Locale;
}

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(
    private readonly service: NotificationService,
    private readonly pubSub: PubSubEngine,
  ) {}

  @SignedIn()
  @Query(() => NotificationConnection, {
    description: 'Your notifications, newest first.',
    complexity: ({ args, childComplexity }) => (args.first ?? 20) * childComplexity,
  })
  async notifications(
    @CurrentActor() actor: Actor,
    @Args() args: NotificationsArgs,
    @Context() context: LocaleContext,
  ) {
    const size = pageSize(args.first);
    const page = await this.service.list(actor, {
      only: args.unreadOnly ? 'unread' : null,
      limit: size + 1,
      after: args.after,
    });
    return toConnection(page.rows, size, !!args.after, page.cursorOf, (row) => toNotification(row, context.locale));
  }

  @SignedIn()
  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@CurrentActor() actor: Actor): Promise<number> {
    return this.service.unreadCount(actor);
  }

  @SignedIn()
  @Mutation(() => Int, {
    description: 'Mark notifications read (up to 100 ids, or all without ids); returns how many stay unread.',
  })
  markNotificationsRead(
    @CurrentActor() actor: Actor,
    @Args('ids', { type: () => [ID], nullable: true, description: 'Which ones; omit to mark all read.' })
    ids?: string[] | null,
  ): Promise<number> {
    return this.service.markRead(actor, ids);
  }

  @SignedIn()
  @Subscription(() => Notification, {
    description: 'Your new notifications, live (only ever your own).',
    resolve: (payload: { notificationAdded: LiveNotification }, _args: unknown, context: LocaleContext) =>
      fromLiveNotification(payload.notificationAdded, context.locale),
  })
  notificationAdded(@CurrentActor() actor: Actor) {
    return this.pubSub.asyncIterableIterator(notificationTopic(actor.userId));
  }
}
