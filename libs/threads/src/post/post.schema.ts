import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { type ImportOrigin, ORIGIN_PROP } from '@helpboard/core';

/** An imported post's origin; SE community-wiki posts earn their authors no reputation. */
export interface PostOrigin extends ImportOrigin {
  isCommunityWiki?: boolean;
}

export enum PostKind {
  QUESTION = 'QUESTION',
  ANSWER = 'ANSWER',
}

// Shard key (docs/sharding.md): a thread's posts live on its board's shard.
@Schema({ collection: 'posts', versionKey: false, shardKey: { boardId: 1, threadId: 1 } })
export class PostRecord {
  _id!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(PostKind), required: true })
  kind!: PostKind;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  /** Shard key. */
  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  authorId!: Types.ObjectId;

  /** Markdown as written. */
  @Prop({ required: true })
  body!: string;

  /** Sanitised HTML rendered from `body` at write time. */
  @Prop({ required: true })
  bodyHtml!: string;

  @Prop({ type: [Types.ObjectId], default: [] })
  mentionedUserIds!: Types.ObjectId[];

  @Prop({ type: Boolean, default: false })
  hasLinks!: boolean;

  @Prop({ type: Number, default: 0 })
  score!: number;

  @Prop({ type: Number, default: 0 })
  upvotes!: number;

  @Prop({ type: Number, default: 0 })
  downvotes!: number;

  @Prop({ type: Number, default: 0 })
  commentCount!: number;

  /** Answers only: chosen by the asker. Stored here too so answers sort with it first. */
  @Prop({ type: Boolean, default: false })
  isAccepted!: boolean;

  /** Answers only: marked by board staff. */
  @Prop({ type: Boolean, default: false })
  isOfficial!: boolean;

  @Prop({ type: Number, default: 1 })
  revision!: number;

  /** Last edit of the content; a vote cast before it can be changed again (vote lock). */
  @Prop({ type: Date, default: null })
  editedAt!: Date | null;

  @Prop({ type: Date, default: null })
  hiddenAt!: Date | null;

  /** Imported records: the source site and row id (see ImportOrigin); null otherwise. */
  @Prop(ORIGIN_PROP)
  origin?: PostOrigin | null;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const PostSchema = SchemaFactory.createForClass(PostRecord);
// A thread page's answers in display order: accepted, official, score, age.
PostSchema.index({ threadId: 1, kind: 1, isAccepted: -1, isOfficial: -1, score: -1, createdAt: 1, _id: 1 });
PostSchema.index({ boardId: 1, authorId: 1, createdAt: -1 });
PostSchema.index({ authorId: 1, createdAt: -1 });
// A profile's questions and answers lists.
PostSchema.index({ authorId: 1, kind: 1, createdAt: -1, _id: -1 });
