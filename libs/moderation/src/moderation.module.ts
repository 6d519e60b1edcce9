import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { registerMessages } from '@helpboard/core';
import { BoardsModule } from '@helpboard/boards';
import { IdentityModule } from '@helpboard/identity';
import { ThreadsModule } from '@helpboard/threads';
import { AuditEntry, AuditEntrySchema } from './audit-entry.schema.js';
import { ModerationResolver } from './moderation.resolver.js';
import { ModerationService } from './moderation.service.js';

registerMessages({
  en: { THREAD_ALREADY_CLOSED: 'This question is already closed.', THREAD_NOT_CLOSED: 'This question is not closed.' },
  'zh-CN': { THREAD_ALREADY_CLOSED: '该问题已经关闭。', THREAD_NOT_CLOSED: '该问题没有关闭。' },
});

@Module({
  imports: [
    IdentityModule,
    BoardsModule,
    ThreadsModule,
    MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }]),
  ],
  providers: [ModerationService, ModerationResolver],
})
export class ModerationModule {}
