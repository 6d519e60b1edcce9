// Editing keeps every revision. Authors edit their own posts; board staff, moderators and
// owners (and, once [reputation] grants it, trusted users) edit anyone's.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, InvalidInputError } from '@helpboard/core';
import { BoardAccessService, BoardAction } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { PostEdited } from '../events/thread-events.js';
import { PostRenderer } from '../markdown/post-renderer.js';
import { PostRepository } from '../post/post.repository.js';
import { PostBodyHooks } from '../post/post-body-hooks.js';
import { PostKind, PostRecord } from '../post/post.schema.js';
import { TagCounts } from '../tag/tag-counts.js';
import { markThreadChanged } from '../thread/thread-changed.js';
import { OthersPostEditing } from './others-post-editing.js';
import {
  answerBodyProblems,
  assertUnlocked,
  questionBodyProblems,
  titleProblems,
  validTags,
} from '../thread/post-rules.js';
import { ThreadContextLoader } from '../thread/thread-context.js';
import { ThreadRepository } from '../thread/thread.repository.js';
import { RevisionRepository } from './revision.repository.js';
import { RevisionRecord } from './revision.schema.js';

export interface PostEdit {
  body: string;
  title?: string | null;
  tags?: string[] | null;
  summary?: string | null;
}

@Injectable()
export class EditPostService {
  constructor(
    private readonly context: ThreadContextLoader,
    private readonly access: BoardAccessService,
    private readonly posts: PostRepository,
    private readonly threads: ThreadRepository,
    private readonly revisions: RevisionRepository,
    private readonly tagCounts: TagCounts,
    private readonly renderer: PostRenderer,
    private readonly bodyHooks: PostBodyHooks,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly othersPosts: OthersPostEditing,
  ) {}

  async editPost(actor: Actor, postId: string, edit: PostEdit): Promise<PostRecord> {
    const { post, thread, board } = await this.context.post(actor, postId, BoardAction.Participate);
    assertUnlocked(thread);
    const isAuthor = post.authorId.equals(actor.userId);
    if (!isAuthor && !(await this.access.can(actor, BoardAction.EditAnyPost, board))) {
      await this.othersPosts.assertAllowed(actor.userId, board);
    }
    const isQuestion = post.kind === PostKind.QUESTION;
    if (!isQuestion && (edit.title != null || edit.tags != null)) {
      throw new InvalidInputError([
        { field: edit.title != null ? 'title' : 'tags', message: 'TITLE_ONLY_ON_QUESTIONS' },
      ]);
    }
    const title = edit.title?.trim() ?? thread.title;
    const { tags, problems: tagProblems } =
      edit.tags != null ? validTags(edit.tags) : { tags: thread.tags, problems: [] };
    const problems = [
      ...(isQuestion ? questionBodyProblems(edit.body) : answerBodyProblems(edit.body)),
      ...(edit.title != null ? titleProblems(edit.title) : []),
      ...tagProblems,
      ...(edit.summary && edit.summary.length > 300
        ? [{ field: 'summary', message: 'TOO_LONG', params: { max: 300 } }]
        : []),
    ];
    if (problems.length > 0) throw new InvalidInputError(problems);
    const isUnchanged =
      edit.body === post.body && (!isQuestion || (title === thread.title && tags.join() === thread.tags.join()));
    if (isUnchanged) throw new InvalidInputError([{ field: 'body', message: 'NOTHING_CHANGED' }], 'NOTHING_CHANGED');

    const rendered = await this.renderer.render(edit.body);
    const now = this.clock.now();
    const editorId = new Types.ObjectId(actor.userId);
    return this.unitOfWork.run(async (tx) => {
      const body = await this.bodyHooks.apply(
        {
          postId,
          threadId: thread._id.toHexString(),
          boardId: post.boardId.toHexString(),
          authorId: post.authorId.toHexString(),
          kind: post.kind,
          body: edit.body,
          isNew: false,
        },
        tx,
      );
      const html = body === edit.body ? rendered : await this.renderer.render(body);
      const updated = (await this.posts.update(
        post._id,
        { $set: { body, ...html, editedAt: now, updatedAt: now }, $inc: { revision: 1 } },
        tx.session,
      ))!;
      await this.revisions.insert(
        {
          postId: post._id,
          boardId: post.boardId,
          revision: updated.revision,
          editorId,
          body,
          title: isQuestion ? title : null,
          tags: isQuestion ? tags : null,
          summary: edit.summary?.trim() || null,
          createdAt: now,
        },
        tx.session,
      );
      const threadChanges: Record<string, unknown> = { lastActivityAt: now, updatedAt: now };
      if (isQuestion) {
        threadChanges.title = title;
        threadChanges.tags = tags;
        this.tagCounts.adjustAfterCommit(
          tx,
          post.boardId,
          tags.filter((t) => !thread.tags.includes(t)),
          thread.tags.filter((t) => !tags.includes(t)),
        );
      }
      await this.threads.update(thread._id, { $set: threadChanges }, tx.session);
      tx.publishAfterCommit(
        new PostEdited(
          post.boardId.toHexString(),
          thread._id.toHexString(),
          actor.userId,
          now,
          postId,
          updated.revision,
        ),
      );
      markThreadChanged(tx, thread._id.toHexString(), now);
      return updated;
    });
  }

  async revisionsOf(actor: Actor | null, postId: string): Promise<RevisionRecord[]> {
    const { post } = await this.context.post(actor, postId, BoardAction.View);
    return this.revisions.forPost(post._id);
  }
}
