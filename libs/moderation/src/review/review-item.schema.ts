// Posts waiting for a reviewer in one of a board's queues. An item is claimed by one reviewer at a
// time (a claim older than CLAIM_TTL_MS is released) and resolved once with an outcome.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum ReviewQueueKind {
  /** Posts with open flags. */
  FLAGGED = 'FLAGGED',
  /** The first posts of new users (board setting reviewFirstPosts, default 3). */
  FIRST_POSTS = 'FIRST_POSTS',
  /** Posts with links by users under the board's link reputation (default 50). */
  LINKS = 'LINKS',
  /** The same text posted by one author in several threads (a spam pattern). */
  REPEATED_CONTENT = 'REPEATED_CONTENT',
}

export enum ReviewOutcome {
  /** Looks fine: a held-back post is published. */
  APPROVED = 'APPROVED',
  /** Hidden pending the author's edit or a moderator. */
  HIDDEN = 'HIDDEN',
  /** Deleted (moderators only). */
  DELETED = 'DELETED',
}

export const CLAIM_TTL_MS = 30 * 60_000;

@Schema({ collection: 'review_items', versionKey: false })
export class ReviewItemRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  postId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  authorId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(ReviewQueueKind), required: true })
  kind!: ReviewQueueKind;

  /** Why it is here, for the reviewer (e.g. `3 links`, `also posted in <threadId>`). */
  @Prop({ required: true })
  note!: string;

  /** The post was hidden when it arrived and is published only if approved. */
  @Prop({ default: false })
  isHeldBack!: boolean;

  @Prop({ type: Types.ObjectId, default: null })
  claimedBy!: Types.ObjectId | null;

  @Prop({ type: Date, default: null })
  claimedAt!: Date | null;

  /** Open until resolved (a partial unique index cannot test for null on every server). */
  @Prop({ type: Boolean, default: true })
  isOpen!: boolean;

  @Prop({ type: String, enum: [...Object.values(ReviewOutcome), null], default: null })
  outcome!: ReviewOutcome | null;

  @Prop({ type: Types.ObjectId, default: null })
  resolvedBy!: Types.ObjectId | null;

  @Prop({ type: Date, default: null })
  resolvedAt!: Date | null;

  @Prop({ required: true })
  createdAt!: Date;
}

export const ReviewItemSchema = SchemaFactory.createForClass(ReviewItemRecord);
// One open item per post and queue; the queue lists open items oldest first.
ReviewItemSchema.index({ postId: 1, kind: 1 }, { unique: true, partialFilterExpression: { isOpen: true } });
ReviewItemSchema.index({ boardId: 1, kind: 1, isOpen: 1, createdAt: 1 });

/** A hash of each post's text per author, to find the same text pasted into many threads. */
@Schema({ collection: 'content_fingerprints', versionKey: false })
export class ContentFingerprint {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  authorId!: Types.ObjectId;

  @Prop({ required: true })
  hash!: string;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  postId!: Types.ObjectId;

  @Prop({ required: true })
  at!: Date;
}

export const ContentFingerprintSchema = SchemaFactory.createForClass(ContentFingerprint);
ContentFingerprintSchema.index({ authorId: 1, hash: 1, at: -1 });
