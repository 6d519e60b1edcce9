import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, InvalidInputError } from '@helpboard/core';
import { BoardAction } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { CommentAdded } from '../events/thread-events.js';
import { PostRenderer } from '../markdown/post-renderer.js';
import { mentionsOf } from '../post/mentions.js';
import { PostRepository } from '../post/post.repository.js';
import { assertUnlocked, commentProblems } from '../thread/post-rules.js';
import { ThreadContextLoader } from '../thread/thread-context.js';
import { ThreadRepository } from '../thread/thread.repository.js';
import { CommentRepository } from './comment.repository.js';
import { CommentRecord } from './comment.schema.js';
import { threadWrites } from '../thread/thread-changed.js';

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
  ) {}

  /** Comments ask for clarification or add a note; closed threads still take them, locked ones not. */
  async addComment(actor: Actor, postId: string, body: string): Promise<CommentRecord> {
    const { post, thread } = await this.context.post(actor, postId, BoardAction.Participate);
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
}
