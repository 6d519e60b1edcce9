import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BoardsModule } from '@helpboard/boards';
import { IdentityModule } from '@helpboard/identity';
import { ThreadsModule } from '@helpboard/threads';
import './notifications.messages.js';
import './mail/mail.messages.js';
import { DigestJob } from './mail/digest.job.js';
import { EmailDelivery } from './mail/email-delivery.js';
import { MailComposer } from './mail/mail-composer.js';
import { SentMailRecord, SentMailSchema } from './mail/mail-log.schema.js';
import { AccountMailSender } from './mail/account-mail.sender.js';
import { MailTransport } from './mail/mail-transport.js';
import { UnsubscribeController } from './mail/unsubscribe.controller.js';
import { UnsubscribeService } from './mail/unsubscribe.service.js';
import { UnsubscribeTokens } from './mail/unsubscribe-tokens.js';
import { FollowRepository } from './follow/follow.repository.js';
import { FollowResolver } from './follow/follow.resolver.js';
import { FollowRecord, FollowSchema } from './follow/follow.schema.js';
import { FollowService } from './follow/follow.service.js';
import { AccountNotificationListener } from './listeners/account.listener.js';
import { CommissionNotificationListener } from './listeners/commission.listener.js';
import { ThreadNotificationListener } from './listeners/thread.listener.js';
import { NotificationRepository } from './notification/notification.repository.js';
import { NotificationResolver } from './notification/notification.resolver.js';
import { NotificationRecord, NotificationSchema } from './notification/notification.schema.js';
import { NotificationService } from './notification/notification.service.js';
import { Notifier } from './notification/notifier.js';
import { PreferenceRepository } from './preference/preference.repository.js';
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
      { name: SentMailRecord.name, schema: SentMailSchema },
    ]),
  ],
  controllers: [UnsubscribeController],
  providers: [
    NotificationRepository,
    NotificationService,
    Notifier,
    FollowRepository,
    FollowService,
    PreferenceRepository,
    PreferenceService,
    ThreadNotificationListener,
    AccountNotificationListener,
    CommissionNotificationListener,
    NotificationResolver,
    FollowResolver,
    PreferenceResolver,
    UnsubscribeTokens,
    UnsubscribeService,
    MailComposer,
    MailTransport,
    EmailDelivery,
    DigestJob,
    AccountMailSender,
  ],
  exports: [Notifier, NotificationService, FollowService, PreferenceService, DigestJob, MailTransport],
})
export class NotificationsModule {}
