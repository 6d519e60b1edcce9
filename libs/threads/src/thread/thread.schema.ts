// A thread is a question with its answers. The question's text lives in `posts` like any answer
// (its post id equals the thread id), so votes, comments, edits and flags treat them alike;
// this document holds what belongs to the thread as a whole and the counters lists sort on.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { type ImportOrigin, ORIGIN_PROP } from '@helpboard/core';

export enum ThreadStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

// Shard key (docs/sharding.md): a board's threads live together; a thread link (id only) is the one lookup that broadcasts.
@Schema({ collection: 'threads', versionKey: false, shardKey: { boardId: 1, _id: 1 } })
export class ThreadRecord {
  /** Same as the question post's id. */
  _id!: Types.ObjectId;

  /** Shard key: every thread query names its board. */
  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  authorId!: Types.ObjectId;

  @Prop({ required: true })
  title!: string;

  @Prop({ type: [String], default: [] })
  tags!: string[];

  @Prop({ type: String, enum: Object.values(ThreadStatus), default: ThreadStatus.OPEN })
  status!: ThreadStatus;

  @Prop({ type: String, default: null })
  closeReason!: string | null;

  @Prop({ type: Types.ObjectId, default: null })
  duplicateOfId!: Types.ObjectId | null;

  /** Locked threads accept nothing new (answers, comments, votes) until unlocked. */
  @Prop({ type: Boolean, default: false })
  isLocked!: boolean;

  @Prop({ type: Boolean, default: false })
  isPinned!: boolean;

  /**
   * Protected threads take answers only from people with the board's "answer protected questions"
   * reputation (SE: protection keeps new accounts' "thanks" and spam off popular questions).
   */
  @Prop({ type: Boolean, default: false })
  isProtected!: boolean;

  @Prop({ type: Types.ObjectId, default: null })
  acceptedAnswerId!: Types.ObjectId | null;

  @Prop({ type: Types.ObjectId, default: null })
  officialAnswerId!: Types.ObjectId | null;

  /** The question's score (denormalised from its post for sorting lists). */
  @Prop({ type: Number, default: 0 })
  score!: number;

  @Prop({ type: Number, default: 0 })
  answerCount!: number;

  @Prop({ type: Number, default: 0 })
  viewCount!: number;

  /**
   * Counts committed changes of what the thread's page shows (its posts, comments, votes,
   * state), bumped in the transaction of each: a cached snapshot of the page is current while
   * its version equals this (see ThreadSnapshots).
   */
  @Prop({ type: Number, default: 0 })
  pageVersion?: number;

  /** Hidden by moderation: out of lists and search until restored. */
  @Prop({ type: Date, default: null })
  hiddenAt!: Date | null;

  /** Imported records: the source site and row id (see ImportOrigin); null otherwise. */
  @Prop(ORIGIN_PROP)
  origin?: ImportOrigin | null;

  @Prop({ required: true })
  lastActivityAt!: Date;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const ThreadSchema = SchemaFactory.createForClass(ThreadRecord);
// One index per list sort, each led by the shard key and the visibility filter.
ThreadSchema.index({ boardId: 1, hiddenAt: 1, isPinned: -1, lastActivityAt: -1, _id: -1 });
ThreadSchema.index({ boardId: 1, hiddenAt: 1, isPinned: -1, createdAt: -1, _id: -1 });
ThreadSchema.index({ boardId: 1, hiddenAt: 1, isPinned: -1, score: -1, _id: -1 });
ThreadSchema.index({ boardId: 1, hiddenAt: 1, answerCount: 1, createdAt: -1, _id: -1 });
ThreadSchema.index({ boardId: 1, tags: 1, lastActivityAt: -1 });
