// A person's questions and answers, and the people their posts reached, as one viewer may see
// them: only on boards that viewer may read (the one access decision, readableBoardIds).
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, cursorValuesOf, decodeCursor } from '@helpboard/core';
import { BoardAccessService } from '@helpboard/boards';
import { ThreadRepository } from '../thread/thread.repository.js';
import type { ThreadRecord } from '../thread/thread.schema.js';
import type { Page } from '../thread/thread-query.service.js';
import { AUTHOR_POST_ORDER, PostRepository } from './post.repository.js';
import { PostKind, type PostRecord } from './post.schema.js';

export interface ProfilePost {
  post: PostRecord;
  thread: ThreadRecord;
}

@Injectable()
export class ProfilePostsService {
  constructor(
    private readonly posts: PostRepository,
    private readonly threads: ThreadRepository,
    private readonly access: BoardAccessService,
  ) {}

  /** The user's questions or answers, newest first; `limit + 1` rows tell whether there are more. */
  async postsOf(
    viewer: Actor | null,
    userId: string,
    kind: PostKind,
    limit: number,
    after?: string | null,
  ): Promise<Page<ProfilePost>> {
    const authorId = new Types.ObjectId(userId);
    const boardIds = await this.readableBoards(viewer, authorId);
    const rows = await this.posts.byAuthor(
      authorId,
      kind,
      boardIds,
      limit,
      after ? decodeCursor(after, AUTHOR_POST_ORDER.length) : undefined,
    );
    const threads = new Map(
      (await this.threads.findByIds(rows.map((row) => row.threadId))).map((thread) => [
        thread._id.toHexString(),
        thread,
      ]),
    );
    return {
      rows: rows.flatMap((post) => {
        const thread = threads.get(post.threadId.toHexString());
        return thread && !thread.hiddenAt ? [{ post, thread }] : [];
      }),
      cursorOf: (row) => cursorValuesOf(row.post as unknown as Record<string, unknown>, AUTHOR_POST_ORDER),
    };
  }

  /**
   * SE's "people reached": the views of the questions the user asked or answered, each thread
   * once, on boards the viewer may read.
   */
  async peopleReached(viewer: Actor | null, userId: string): Promise<number> {
    const authorId = new Types.ObjectId(userId);
    const threadIds = await this.posts.threadIdsOfAuthor(authorId, await this.readableBoards(viewer, authorId));
    return this.threads.totalViews(threadIds);
  }

  private async readableBoards(viewer: Actor | null, authorId: Types.ObjectId): Promise<Types.ObjectId[]> {
    const readable = await this.access.readableBoardIds(viewer, await this.posts.boardIdsOfAuthor(authorId));
    return [...readable].map((id) => new Types.ObjectId(id));
  }
}
