import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { type ImportOrigin, ORIGIN_PROP } from '@helpboard/core';

// Shard key (docs/sharding.md): comments load by the posts of a page; hashed, so new posts' comments spread.
@Schema({ collection: 'comments', versionKey: false, shardKey: { postId: 'hashed' } })
export class CommentRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  postId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  authorId!: Types.ObjectId;

  @Prop({ required: true })
  body!: string;

  @Prop({ required: true })
  bodyHtml!: string;

  /** Set when the author edits it (within the edit window) or it is deleted. */
  @Prop({ type: Date, default: null })
  editedAt?: Date | null;

  /** Deleted by its author or a moderator (soft: kept for the record), or hidden by moderation. */
  @Prop({ type: Date, default: null })
  hiddenAt!: Date | null;

  /** Imported records: the source site and row id (see ImportOrigin); null otherwise. */
  @Prop(ORIGIN_PROP)
  origin?: ImportOrigin | null;

  @Prop({ required: true })
  createdAt!: Date;
}

export const CommentSchema = SchemaFactory.createForClass(CommentRecord);
CommentSchema.index({ postId: 1, createdAt: 1, _id: 1 });
CommentSchema.index({ authorId: 1, createdAt: -1 });
