// Moderators' actions that the threads lib carries out itself (deleting someone's comment,
// describing a tag) enter the audit log in the same transaction, through in-transaction handlers.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Types } from 'mongoose';
import { InTransactionHandlers } from '@helpboard/database';
import { CommentDeleted, TagDescribed } from '@helpboard/threads';
import { ModerationAction } from './audit-entry.schema.js';
import { AuditLog } from './audit-log.js';

@Injectable()
export class StaffEditsAuditor implements OnModuleInit {
  constructor(
    private readonly handlers: InTransactionHandlers,
    private readonly auditLog: AuditLog,
  ) {}

  onModuleInit(): void {
    this.handlers.on(CommentDeleted, async (event, tx) => {
      if (event.actorId === event.authorId) return; // an author tidying up is no moderation
      await this.auditLog.record(tx, {
        boardId: new Types.ObjectId(event.boardId),
        actorId: event.actorId,
        action: ModerationAction.DELETE_COMMENT,
        targetType: 'comment',
        targetId: new Types.ObjectId(event.commentId),
        threadId: new Types.ObjectId(event.threadId),
        subjectUserId: new Types.ObjectId(event.authorId),
        reason: 'comment deleted',
        before: { hidden: false, postId: event.postId },
        after: { hidden: true },
        at: event.occurredAt,
      });
    });
    this.handlers.on(TagDescribed, (event, tx) =>
      this.auditLog.record(tx, {
        boardId: new Types.ObjectId(event.boardId),
        actorId: event.actorId,
        action: ModerationAction.DESCRIBE_TAG,
        targetType: 'tag',
        targetId: new Types.ObjectId(event.tagId),
        threadId: null,
        subjectUserId: new Types.ObjectId(event.actorId),
        reason: event.tag,
        before: { description: event.before },
        after: { description: event.after },
        at: event.occurredAt,
      }),
    );
  }
}
