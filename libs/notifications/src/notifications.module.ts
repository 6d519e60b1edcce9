import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BoardsModule } from '@helpboard/boards';
import { IdentityModule } from '@helpboard/identity';
import { ThreadsModule } from '@helpboard/threads';
import './notifications.messages.js';
import { FollowRepository } from './follow/follow.repository.js';
import { FollowResolver } from './follow/follow.resolver.js';
import { FollowRecord, FollowSchema } from './follow/follow.schema.js';
import { FollowService } from './follow/follow.service.js';
import { AccountNotificationListener } from './listeners/account.listener.js';
import { ThreadNotificationListener } from './listeners/thread.listener.js';
import { NotificationRepository } from './notification/notification.repository.js';
import { NotificationResolver } from './notification/notification.resolver.js';
import { NotificationRecord, NotificationSchema } from './notification/notification.schema.js';
import { NotificationService } from './notification/notification.service.js';
import { Notifier } from './notification/notifier.js';
import { PreferenceResolver } from './preference/preference.resolver.js';
import { PreferenceRecord, PreferenceSchema } from './preference/preference.schema.js';
import { PreferenceService } from './preference/preference.service.js';

@Module({
  imports: [
    IdentityModule,
    BoardsModule,
    ThreadsModule,
    MongooseModule.forFeature([
      { name: NotificationRecord.name, schema: NotificationSchema },
      { name: FollowRecord.name, schema: FollowSchema },
      { name: PreferenceRecord.name, schema: PreferenceSchema },
    ]),
  ],
  providers: [
    NotificationRepository,
    NotificationService,
    Notifier,
    FollowRepository,
    FollowService,
    PreferenceService,
    ThreadNotificationListener,
    AccountNotificationListener,
    NotificationResolver,
    FollowResolver,
    PreferenceResolver,
  ],
  exports: [Notifier, FollowService, PreferenceService],
})
export class NotificationsModule {}
