// Reading threads: board lists with stable keyset cursors, and thread pages.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, cursorValuesOf, decodeCursor, type SortSpec } from '@helpboard/core';
import { BoardAction, BoardService, BoardAccessService } from '@helpboard/boards';
import { ANSWER_ORDER, PostRepository } from '../post/post.repository.js';
import { PostRecord } from '../post/post.schema.js';
import { ThreadSort } from './thread.model.js';
import { ThreadContextLoader } from './thread-context.js';
import { ThreadRepository } from './thread.repository.js';
import { ThreadRecord } from './thread.schema.js';

const SORTS: Record<ThreadSort, { sort: SortSpec; filter: Record<string, unknown> }> = {
  [ThreadSort.ACTIVE]: {
    sort: [
      ['isPinned', -1],
      ['lastActivityAt', -1],
      ['_id', -1],
    ],
    filter: {},
  },
  [ThreadSort.NEWEST]: {
    sort: [
      ['isPinned', -1],
      ['createdAt', -1],
      ['_id', -1],
    ],
    filter: {},
  },
  [ThreadSort.VOTES]: {
    sort: [
      ['isPinned', -1],
      ['score', -1],
      ['_id', -1],
    ],
    filter: {},
  },
  [ThreadSort.UNANSWERED]: {
    sort: [
      ['createdAt', -1],
      ['_id', -1],
    ],
    filter: { answerCount: 0 },
  },
};

export interface Page<T> {
  rows: T[];
  cursorOf: (row: T) => unknown[];
}

@Injectable()
export class ThreadQueryService {
  constructor(
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly threads: ThreadRepository,
    private readonly posts: PostRepository,
    private readonly context: ThreadContextLoader,
  ) {}

  async listThreads(
    actor: Actor | null,
    query: { boardSlug: string; sort: ThreadSort; tag?: string | null; limit: number; after?: string | null },
  ): Promise<Page<ThreadRecord>> {
    const board = await this.boards.requireBoard(query.boardSlug);
    await this.access.assert(actor, BoardAction.View, board);
    const { sort, filter } = SORTS[query.sort];
    const rows = await this.threads.list({
      boardId: board._id,
      sort,
      filter: query.tag ? { ...filter, tags: query.tag.trim().toLowerCase() } : filter,
      after: query.after ? decodeCursor(query.after, sort.length) : undefined,
      limit: query.limit,
    });
    return { rows, cursorOf: (row) => cursorValuesOf(row as unknown as Record<string, unknown>, sort) };
  }

  async getThread(actor: Actor | null, threadId: string): Promise<ThreadRecord> {
    return (await this.context.thread(actor, threadId, BoardAction.View)).thread;
  }

  async answers(
    thread: { id: string; boardId: string },
    limit: number,
    after?: string | null,
  ): Promise<Page<PostRecord>> {
    const rows = await this.posts.answers(
      new Types.ObjectId(thread.id),
      new Types.ObjectId(thread.boardId),
      limit,
      after ? decodeCursor(after, ANSWER_ORDER.length) : undefined,
    );
    return { rows, cursorOf: (row) => cursorValuesOf(row as unknown as Record<string, unknown>, ANSWER_ORDER) };
  }
}
