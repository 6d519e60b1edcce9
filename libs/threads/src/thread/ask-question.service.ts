import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, InvalidInputError } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { QuestionAsked } from '../events/thread-events.js';
import { mentionsOf } from '../post/mentions.js';
import { PostRenderer } from '../markdown/post-renderer.js';
import { PostRepository } from '../post/post.repository.js';
import { PostBodyHooks } from '../post/post-body-hooks.js';
import { newPost, PostKind } from '../post/new-post.js';
import { RevisionRepository } from '../revision/revision.repository.js';
import { TagCounts } from '../tag/tag-counts.js';
import { questionBodyProblems, titleProblems, validTags } from './post-rules.js';
import { ThreadRepository } from './thread.repository.js';
import { ThreadRecord, ThreadStatus } from './thread.schema.js';
import { markThreadChanged } from './thread-changed.js';

export interface NewQuestion {
  boardSlug: string;
  title: string;
  body: string;
  tags: string[];
}

@Injectable()
export class AskQuestionService {
  constructor(
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly threads: ThreadRepository,
    private readonly posts: PostRepository,
    private readonly revisions: RevisionRepository,
    private readonly tagCounts: TagCounts,
    private readonly renderer: PostRenderer,
    private readonly bodyHooks: PostBodyHooks,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async askQuestion(actor: Actor, input: NewQuestion): Promise<ThreadRecord> {
    const board = await this.boards.requireBoard(input.boardSlug);
    await this.access.assert(actor, BoardAction.Participate, board);
    const { tags, problems: tagProblems } = validTags(input.tags);
    const problems = [...titleProblems(input.title), ...questionBodyProblems(input.body), ...tagProblems];
    if (problems.length > 0) throw new InvalidInputError(problems);

    const rendered = await this.renderer.render(input.body);
    const now = this.clock.now();
    const id = new Types.ObjectId();
    const authorId = new Types.ObjectId(actor.userId);
    const thread: ThreadRecord = {
      _id: id,
      boardId: board._id,
      authorId,
      title: input.title.trim(),
      tags,
      status: ThreadStatus.OPEN,
      closeReason: null,
      duplicateOfId: null,
      isLocked: false,
      isPinned: false,
      isProtected: false,
      acceptedAnswerId: null,
      officialAnswerId: null,
      score: 0,
      answerCount: 0,
      viewCount: 0,
      hiddenAt: null,
      lastActivityAt: now,
      createdAt: now,
      updatedAt: now,
    };
    await this.unitOfWork.run(async (tx) => {
      const body = await this.bodyHooks.apply(
        {
          postId: id.toHexString(),
          threadId: id.toHexString(),
          boardId: board._id.toHexString(),
          authorId: actor.userId,
          kind: PostKind.QUESTION,
          body: input.body,
          isNew: true,
        },
        tx,
      );
      await this.threads.insert(thread, tx.session);
      await this.posts.insert(
        newPost({
          id,
          kind: PostKind.QUESTION,
          threadId: id,
          boardId: board._id,
          authorId,
          body,
          rendered: body === input.body ? rendered : await this.renderer.render(body),
          now,
        }),
        tx.session,
      );
      await this.revisions.insert(
        {
          postId: id,
          boardId: board._id,
          revision: 1,
          editorId: authorId,
          body,
          title: thread.title,
          tags,
          summary: null,
          createdAt: now,
        },
        tx.session,
      );
      this.tagCounts.adjustAfterCommit(tx, board._id, tags, []);
      tx.publishAfterCommit(new QuestionAsked(board._id.toHexString(), id.toHexString(), actor.userId, now));
      const mentioned = mentionsOf(rendered, {
        boardId: board._id,
        threadId: id,
        postId: id,
        actorId: actor.userId,
        now,
      });
      if (mentioned) tx.publishAfterCommit(mentioned);
      markThreadChanged(tx, id.toHexString(), now);
    });
    return thread;
  }
}
