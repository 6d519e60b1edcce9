// Every moderation action, with who, why and the state before and after: moderators are
// accountable, and operators can review what happened on their boards.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

export enum ModerationAction {
  CLOSE = 'CLOSE',
  REOPEN = 'REOPEN',
  LOCK = 'LOCK',
  UNLOCK = 'UNLOCK',
  PIN = 'PIN',
  UNPIN = 'UNPIN',
  PROTECT = 'PROTECT',
  UNPROTECT = 'UNPROTECT',
  MOVE = 'MOVE',
  MERGE = 'MERGE',
  HIDE = 'HIDE',
  RESTORE = 'RESTORE',
  DELETE = 'DELETE',
  UNDELETE = 'UNDELETE',
  SUSPEND = 'SUSPEND',
  UNSUSPEND = 'UNSUSPEND',
  WARN = 'WARN',
  /** A moderator found a post's open flags helpful. */
  UPHOLD_FLAGS = 'UPHOLD_FLAGS',
  /** A moderator declined a post's open flags. */
  DECLINE_FLAGS = 'DECLINE_FLAGS',
  /** A moderator deleted someone's comment. */
  DELETE_COMMENT = 'DELETE_COMMENT',
  /** A moderator wrote or changed a tag's description. */
  DESCRIBE_TAG = 'DESCRIBE_TAG',
}

@Schema({ collection: 'moderation_audit', versionKey: false })
export class AuditEntry {
  _id!: Types.ObjectId;

  /** The board acted on (for suspensions: none). */
  @Prop({ type: Types.ObjectId, default: null })
  boardId!: Types.ObjectId | null;

  @Prop({ type: Types.ObjectId, required: true })
  actorId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(ModerationAction), required: true })
  action!: ModerationAction;

  /** `thread`, `post`, `comment`, `tag` or `user`, and its id. */
  @Prop({ required: true })
  targetType!: string;

  @Prop({ type: Types.ObjectId, required: true })
  targetId!: Types.ObjectId;

  @Prop({ required: true })
  reason!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  before!: Record<string, unknown>;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  after!: Record<string, unknown>;

  @Prop({ required: true })
  at!: Date;
}

export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);
AuditEntrySchema.index({ boardId: 1, at: -1, _id: -1 });
AuditEntrySchema.index({ targetId: 1, at: -1 });
