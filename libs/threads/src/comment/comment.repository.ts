import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { presentIds } from '@helpboard/database';
import { type ClientSession, Model, Types } from 'mongoose';
import { CommentRecord } from './comment.schema.js';

/** Comments shown under a post before "show more". */
export const COMMENTS_PER_POST = 50;

@Injectable()
export class CommentRepository {
  constructor(@InjectModel(CommentRecord.name) private readonly comments: Model<CommentRecord>) {}

  async insert(comment: CommentRecord, session: ClientSession): Promise<void> {
    await this.comments.create([comment], { session });
  }

  findById(id: Types.ObjectId, session?: ClientSession): Promise<CommentRecord | null> {
    return this.comments
      .findById(id)
      .session(session ?? null)
      .lean<CommentRecord>()
      .exec();
  }

  /**
   * Changes a comment that is still visible, in one atomic step: of two concurrent deletions only
   * one finds it visible (the other gets null and changes nothing).
   */
  updateVisible(
    id: Types.ObjectId,
    set: Partial<CommentRecord>,
    session: ClientSession,
  ): Promise<CommentRecord | null> {
    return this.comments
      .findOneAndUpdate({ _id: id, hiddenAt: null }, { $set: set }, { session, returnDocument: 'after' })
      .lean<CommentRecord>()
      .exec();
  }

  /** Visible comments of many posts in one query, oldest first, at most COMMENTS_PER_POST each. */
  async forPosts(postIds: readonly Types.ObjectId[]): Promise<Map<string, CommentRecord[]>> {
    const rows = await this.comments
      .find({ postId: { $in: postIds }, hiddenAt: null })
      .sort({ postId: 1, createdAt: 1, _id: 1 })
      .limit(postIds.length * COMMENTS_PER_POST)
      .lean<CommentRecord[]>()
      .exec();
    const byPost = new Map<string, CommentRecord[]>();
    for (const row of rows) {
      const list = byPost.get(row.postId.toHexString()) ?? [];
      if (list.length < COMMENTS_PER_POST) list.push(row);
      byPost.set(row.postId.toHexString(), list);
    }
    return byPost;
  }

  /** Comments follow their posts to another thread or board (shard key `boardId`). */
  async followPosts(
    postIds: readonly Types.ObjectId[],
    to: { threadId: Types.ObjectId; boardId: Types.ObjectId },
    session: ClientSession,
  ): Promise<void> {
    await this.comments.updateMany({ postId: { $in: postIds } }, { $set: to }, { session });
  }

  /** When an author's latest comments were written, newest first, back to `since`. */
  async recentByAuthor(authorId: Types.ObjectId, since: Date, limit: number, session?: ClientSession): Promise<Date[]> {
    const rows = await this.comments
      .find({ authorId, createdAt: { $gte: since } }, { createdAt: 1 })
      .sort({ createdAt: -1 })
      .limit(limit)
      .session(session ?? null)
      .lean<{ createdAt: Date }[]>()
      .exec();
    return rows.map((row) => row.createdAt);
  }

  existingIds(ids: readonly Types.ObjectId[], session?: ClientSession): Promise<Set<string>> {
    return presentIds(this.comments, ids, session);
  }

  /** Bulk imports: records built whole by the importer, inserted lean (nothing to cast or validate). */
  async insertMany(records: CommentRecord[], session: ClientSession): Promise<void> {
    if (records.length > 0) await this.comments.insertMany(records, { session, ordered: false, lean: true });
  }
}
