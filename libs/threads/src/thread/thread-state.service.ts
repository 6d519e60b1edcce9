// Changes to a thread's state that moderation decides on: the threads lib stays the only writer
// of its collections, and moderation calls this inside its own transaction (with its audit entry).
import { Injectable } from '@nestjs/common';
import { type ClientSession, Types } from 'mongoose';
import { NotFoundError, PreconditionFailedError } from '@helpboard/core';
import type { TransactionContext } from '@helpboard/database';
import { PostHidden, PostRestored } from '../events/thread-events.js';
import { CommentRepository } from '../comment/comment.repository.js';
import { PostRepository } from '../post/post.repository.js';
import { VoteRepository } from '../vote/vote.repository.js';
import { PostKind, type PostRecord } from '../post/post.schema.js';
import { markThreadChanged } from './thread-changed.js';
import { ownPostDeletionRefusal } from '../post/own-post-deletion.js';
import { ThreadRepository } from './thread.repository.js';
import type { ThreadRecord, ThreadStatus } from './thread.schema.js';
import { toObjectId } from './thread-context.js';

export interface ThreadStateChange {
  status?: ThreadStatus;
  closeReason?: string | null;
  duplicateOfId?: string | null;
  isLocked?: boolean;
  isPinned?: boolean;
  isProtected?: boolean;
  boardId?: Types.ObjectId;
}

@Injectable()
export class ThreadStateService {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly posts: PostRepository,
    private readonly comments: CommentRepository,
    private readonly votes: VoteRepository,
  ) {}

  /** `session`: read inside that transaction (e.g. a thread it is creating). */
  async requireThread(threadId: string, session?: ClientSession): Promise<ThreadRecord> {
    const thread = await this.threads.findById(toObjectId(threadId, 'Thread', 'THREAD_NOT_FOUND'), session);
    if (!thread) throw new NotFoundError('Thread', 'THREAD_NOT_FOUND');
    return thread;
  }

  async requirePost(postId: string): Promise<PostRecord> {
    const [post] = await this.posts.findByIds([toObjectId(postId, 'Post', 'POST_NOT_FOUND')]);
    if (!post) throw new NotFoundError('Post', 'POST_NOT_FOUND');
    return post;
  }

  /** Applies the change and returns the thread as it was before and after. */
  async change(tx: TransactionContext, threadId: Types.ObjectId, change: ThreadStateChange, now: Date) {
    const before = (await this.threads.findById(threadId, tx.session))!;
    const set: Record<string, unknown> = { updatedAt: now };
    for (const [key, value] of Object.entries(change)) if (value !== undefined) set[key] = value;
    if (change.duplicateOfId !== undefined)
      set.duplicateOfId = change.duplicateOfId ? new Types.ObjectId(change.duplicateOfId) : null;
    const after = (await this.threads.update(threadId, { $set: set }, tx.session))!;
    if (change.boardId) {
      // Comments and votes carry the board too (it is their shard key): they move with the posts.
      const postIds = await this.posts.moveThread(threadId, change.boardId, tx.session);
      await this.comments.followPosts(postIds, { threadId, boardId: change.boardId }, tx.session);
      await this.votes.followPosts(postIds, change.boardId, tx.session);
    }
    markThreadChanged(tx, threadId.toHexString(), now);
    return { before, after };
  }

  /**
   * Hides or restores a post; hiding a question hides its whole thread. Returns whether the post's
   * visibility changed: the post is read again in the transaction, so of two concurrent hides
   * only one counts (the other is retried after the first commits and finds it hidden).
   */
  async setHidden(
    tx: TransactionContext,
    stale: PostRecord,
    isHidden: boolean,
    actorId: string,
    now: Date,
  ): Promise<boolean> {
    const post = (await this.posts.findById(stale._id, tx.session)) ?? stale;
    const hiddenAt = isHidden ? now : null;
    await this.posts.update(post._id, { $set: { hiddenAt } }, tx.session);
    if (post.kind === PostKind.QUESTION) {
      await this.threads.update(post.threadId, { $set: { hiddenAt } }, tx.session);
    } else if (Boolean(post.hiddenAt) !== isHidden) {
      await this.threads.update(post.threadId, { $inc: { answerCount: isHidden ? -1 : 1 } }, tx.session);
    }
    markThreadChanged(tx, post.threadId.toHexString(), now);
    if (Boolean(post.hiddenAt) === isHidden) return false;
    const EventClass = isHidden ? PostHidden : PostRestored;
    tx.publishAfterCommit(
      new EventClass(post.boardId.toHexString(), post.threadId.toHexString(), actorId, now, post._id.toHexString()),
    );
    return true;
  }

  /**
   * Refuses an author's deletion of their own post when others rely on it (see own-post-deletion),
   * judged on the post and answers read in the deleting transaction: an answer accepted or upvoted
   * meanwhile conflicts with the deletion instead of slipping past the check.
   */
  async assertAuthorMayDelete(tx: TransactionContext, postId: Types.ObjectId): Promise<void> {
    const post = await this.posts.findById(postId, tx.session);
    if (!post) throw new NotFoundError('Post', 'POST_NOT_FOUND');
    const answers = post.kind === PostKind.QUESTION ? await this.posts.allAnswers(post.threadId, tx.session) : [];
    const refusal = ownPostDeletionRefusal(
      post,
      answers.filter((answer) => !answer.hiddenAt),
    );
    if (refusal) throw new PreconditionFailedError(refusal);
  }
}
