import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import {
  type Actor,
  Clock,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
} from '@helpboard/core';
import { BoardAccessService, BoardAction } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { CommentAdded, CommentDeleted } from '../events/thread-events.js';
import { PostRenderer } from '../markdown/post-renderer.js';
import { mentionsOf } from '../post/mentions.js';
import { PostRepository } from '../post/post.repository.js';
import { assertUnlocked, commentProblems } from '../thread/post-rules.js';
import { ThreadContextLoader } from '../thread/thread-context.js';
import { ThreadRepository } from '../thread/thread.repository.js';
import { CommentRepository } from './comment.repository.js';
import { CommentRecord } from './comment.schema.js';
import { markThreadChanged, threadWrites } from '../thread/thread-changed.js';
import { toObjectId } from '../thread/thread-context.js';
import { UnverifiedAccounts } from '../thread/unverified-accounts.js';
import { commentEditRefusal, mayDeleteComment } from './comment-rules.js';

@Injectable()
export class CommentService {
  constructor(
    private readonly context: ThreadContextLoader,
    private readonly comments: CommentRepository,
    private readonly posts: PostRepository,
    private readonly threads: ThreadRepository,
    private readonly renderer: PostRenderer,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly access: BoardAccessService,
    private readonly unverified: UnverifiedAccounts,
  ) {}

  /** Comments ask for clarification or add a note; closed threads still take them, locked ones not. */
  async addComment(actor: Actor, postId: string, body: string): Promise<CommentRecord> {
    const { post, thread, board } = await this.context.post(actor, postId, BoardAction.Participate);
    await this.unverified.assertMay(actor.userId, board, 'comment');
    assertUnlocked(thread);
    const problems = commentProblems(body);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const now = this.clock.now();
    const rendered = await this.renderer.render(body.trim());
    const comment: CommentRecord = {
      _id: new Types.ObjectId(),
      postId: post._id,
      threadId: post.threadId,
      boardId: post.boardId,
      authorId: new Types.ObjectId(actor.userId),
      body: body.trim(),
      bodyHtml: rendered.bodyHtml,
      hiddenAt: null,
      createdAt: now,
    };
    await this.unitOfWork.run(async (tx) => {
      await this.comments.insert(comment, tx.session);
      await this.posts.update(post._id, { $inc: { commentCount: 1 } }, tx.session);
      await this.threads.update(post.threadId, { $set: { lastActivityAt: now } }, tx.session);
      tx.publishAfterCommit(
        new CommentAdded(
          post.boardId.toHexString(),
          post.threadId.toHexString(),
          actor.userId,
          now,
          postId,
          comment._id.toHexString(),
        ),
      );
      const mentioned = mentionsOf(rendered, {
        boardId: post.boardId,
        threadId: post.threadId,
        postId: post._id,
        commentId: comment._id,
        actorId: actor.userId,
        now,
      });
      if (mentioned) tx.publishAfterCommit(mentioned);
    }, threadWrites(post.threadId.toHexString()));
    return comment;
  }

  /** The author's correction within the edit window (see comment-rules). */
  async editComment(actor: Actor, commentId: string, body: string): Promise<CommentRecord> {
    const found = await this.visibleComment(commentId);
    const { thread } = await this.context.post(actor, found.postId.toHexString(), BoardAction.Participate);
    assertUnlocked(thread);
    const problems = commentProblems(body);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const rendered = await this.renderer.render(body.trim());
    return this.unitOfWork.run(async (tx) => {
      // The window and authorship are judged on the row read in the transaction that writes it.
      const comment = await this.comments.findById(found._id, tx.session);
      if (!comment || comment.hiddenAt) throw new NotFoundError('Comment', 'COMMENT_NOT_FOUND');
      const now = this.clock.now();
      const refusal = commentEditRefusal(comment, actor.userId, now);
      if (refusal === 'NOT_YOUR_COMMENT') throw new ForbiddenError(refusal);
      if (refusal) throw new PreconditionFailedError(refusal);
      const edited = await this.comments.updateVisible(
        comment._id,
        { body: body.trim(), bodyHtml: rendered.bodyHtml, editedAt: now },
        tx.session,
      );
      if (!edited) throw new NotFoundError('Comment', 'COMMENT_NOT_FOUND');
      markThreadChanged(tx, comment.threadId.toHexString(), now);
      return edited;
    }, threadWrites(found.threadId.toHexString()));
  }

  /** Soft deletion by the author, or by a moderator of the board (moderation audits that). */
  async deleteComment(actor: Actor, commentId: string): Promise<CommentRecord> {
    const found = await this.visibleComment(commentId);
    const { board, thread } = await this.context.post(actor, found.postId.toHexString(), BoardAction.View);
    const isModerator = await this.access.can(actor, BoardAction.Moderate, board);
    if (!isModerator) {
      await this.access.assert(actor, BoardAction.Participate, board);
      assertUnlocked(thread);
    }
    if (!mayDeleteComment(found, actor.userId, isModerator)) throw new ForbiddenError('NOT_YOUR_COMMENT');
    return this.unitOfWork.run(async (tx) => {
      const now = this.clock.now();
      const deleted = await this.comments.updateVisible(found._id, { hiddenAt: now }, tx.session);
      if (!deleted) throw new NotFoundError('Comment', 'COMMENT_NOT_FOUND');
      await this.posts.update(deleted.postId, { $inc: { commentCount: -1 } }, tx.session);
      markThreadChanged(tx, deleted.threadId.toHexString(), now);
      tx.publishAfterCommit(
        new CommentDeleted(
          deleted.boardId.toHexString(),
          deleted.threadId.toHexString(),
          actor.userId,
          now,
          deleted.postId.toHexString(),
          deleted._id.toHexString(),
          deleted.authorId.toHexString(),
        ),
      );
      return deleted;
    }, threadWrites(found.threadId.toHexString()));
  }

  private async visibleComment(commentId: string): Promise<CommentRecord> {
    const comment = await this.comments.findById(toObjectId(commentId, 'Comment', 'COMMENT_NOT_FOUND'));
    if (!comment || comment.hiddenAt) throw new NotFoundError('Comment', 'COMMENT_NOT_FOUND');
    return comment;
  }
}
