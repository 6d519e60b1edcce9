// Writes audit entries inside the action's transaction and announces each one after commit.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import type { TransactionContext } from '@helpboard/database';
import { AuditEntry } from './audit-entry.schema.js';
import { ModerationActionTaken } from './events/moderation-events.js';

/** The actor of what Helpboard does by itself (a post held back for review), in audit entries and events. */
export const SYSTEM_ACTOR_ID = '000000000000000000000000';

export interface AuditedAction extends Omit<AuditEntry, '_id' | 'actorId' | 'targetType'> {
  actorId: string;
  targetType: 'thread' | 'post' | 'comment' | 'tag' | 'user';
  /** The thread the target belongs to (none for users). */
  threadId: Types.ObjectId | null;
  /** Whom the action concerns: the post's or thread's author, or the user acted on. */
  subjectUserId: Types.ObjectId;
}

@Injectable()
export class AuditLog {
  constructor(@InjectModel(AuditEntry.name) private readonly audit: Model<AuditEntry>) {}

  async record(tx: TransactionContext, action: AuditedAction): Promise<void> {
    const { actorId, threadId, subjectUserId, ...entry } = action;
    const _id = new Types.ObjectId();
    await this.audit.create([{ ...entry, _id, actorId: new Types.ObjectId(actorId) }], { session: tx.session });
    tx.publishAfterCommit(
      new ModerationActionTaken(
        _id.toHexString(),
        entry.boardId?.toHexString() ?? null,
        entry.action,
        entry.targetType,
        entry.targetId.toHexString(),
        threadId?.toHexString() ?? null,
        subjectUserId.toHexString(),
        actorId,
        entry.reason,
        entry.at,
      ),
    );
  }
}
