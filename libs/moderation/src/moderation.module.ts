import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { registerMessages } from '@helpboard/core';
import { BoardsModule } from '@helpboard/boards';
import { IdentityModule } from '@helpboard/identity';
import { ThreadsModule } from '@helpboard/threads';
import { ReputationModule } from '@helpboard/reputation';
import { FlagResolver } from './flag.resolver.js';
import { FlaggerStats, FlaggerStatsSchema, FlagRecord, FlagSchema } from './flag.schema.js';
import { FlagService } from './flag.service.js';
import { AuditEntry, AuditEntrySchema } from './audit-entry.schema.js';
import { AuditLog } from './audit-log.js';
import { ModerationResolver } from './moderation.resolver.js';
import { ModerationService } from './moderation.service.js';

registerMessages({
  en: {
    THREAD_ALREADY_CLOSED: 'This question is already closed.',
    THREAD_NOT_CLOSED: 'This question is not closed.',
    FLAG_OWN_POST: 'You cannot flag your own post.',
    FLAG_EXISTS: 'You have already flagged this post.',
    FLAG_NOT_FOUND: 'Flag not found.',
    FLAG_RESOLVED: 'This flag has already been resolved.',
    POST_HAS_DEPENDENTS: 'Others rely on this post (it is accepted or has answers); ask a moderator.',
  },
  'zh-CN': {
    THREAD_ALREADY_CLOSED: '该问题已经关闭。',
    THREAD_NOT_CLOSED: '该问题没有关闭。',
    FLAG_OWN_POST: '不能举报自己的帖子。',
    FLAG_EXISTS: '你已经举报过该帖子。',
    FLAG_NOT_FOUND: '未找到该举报。',
    FLAG_RESOLVED: '该举报已处理。',
    POST_HAS_DEPENDENTS: '其他人依赖此帖子（已被采纳或已有回答），请联系版主。',
  },
});

@Module({
  imports: [
    IdentityModule,
    BoardsModule,
    ThreadsModule,
    ReputationModule,
    MongooseModule.forFeature([
      { name: AuditEntry.name, schema: AuditEntrySchema },
      { name: FlagRecord.name, schema: FlagSchema },
      { name: FlaggerStats.name, schema: FlaggerStatsSchema },
    ]),
  ],
  providers: [AuditLog, ModerationService, ModerationResolver, FlagService, FlagResolver],
})
export class ModerationModule {}
