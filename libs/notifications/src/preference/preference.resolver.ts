import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, SignedIn } from '@helpboard/core';
import { NotificationChannel, NotificationKind } from '../notification/notification-kind.js';
import { NotificationPreference } from './preference.model.js';
import { PreferenceService } from './preference.service.js';

@Resolver(() => NotificationPreference)
export class PreferenceResolver {
  constructor(private readonly preferences: PreferenceService) {}

  @SignedIn()
  @Query(() => [NotificationPreference], { description: 'Your channel for every kind of notification.' })
  notificationPreferences(@CurrentActor() actor: Actor): Promise<NotificationPreference[]> {
    return this.preferences.preferencesOf(actor.userId);
  }

  @SignedIn()
  @Mutation(() => [NotificationPreference], {
    description: 'Choose how one kind of notification reaches you; returns all your preferences.',
  })
  async setNotificationPreference(
    @CurrentActor() actor: Actor,
    @Args('kind', { type: () => NotificationKind, description: 'The kind of notification.' }) kind: NotificationKind,
    @Args('channel', { type: () => NotificationChannel, description: 'Its new channel.' }) channel: NotificationChannel,
  ): Promise<NotificationPreference[]> {
    await this.preferences.setPreference(actor.userId, kind, channel);
    return this.preferences.preferencesOf(actor.userId);
  }
}
