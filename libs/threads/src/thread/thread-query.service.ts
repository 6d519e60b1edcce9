// Reading threads: board lists with stable keyset cursors, and thread pages.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, cursorValuesOf, decodeCursor, type SortSpec } from '@helpboard/core';
import { BoardAction, BoardService, BoardAccessService, type BoardRecord } from '@helpboard/boards';
import { ANSWER_ORDER, PostRepository } from '../post/post.repository.js';
import { PostRecord } from '../post/post.schema.js';
import { ThreadSort } from './thread.model.js';
import { ThreadContextLoader, toObjectId } from './thread-context.js';
import { assertVisible } from './post-rules.js';
import { snapshotAnswers, ThreadSnapshots, type ThreadSnapshot } from './thread-snapshot.js';
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
    private readonly snapshots: ThreadSnapshots,
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

  /**
   * Threads by id that the actor may see, in the order asked (search results): one query for the
   * threads, one per distinct board for the permission check.
   */
  async visibleThreads(actor: Actor | null, threadIds: string[]): Promise<ThreadRecord[]> {
    const ids = threadIds.filter((id) => /^[0-9a-f]{24}$/i.test(id)).map((id) => new Types.ObjectId(id));
    const threads = (await this.threads.findByIds(ids)).filter((thread) => !thread.hiddenAt);
    const boardIds = [...new Set(threads.map((t) => t.boardId.toHexString()))].map((id) => new Types.ObjectId(id));
    const boards = await this.boards.findByIds(boardIds);
    const visibleBoards = new Set<string>();
    for (const board of boards) {
      if (await this.access.can(actor, BoardAction.View, board)) visibleBoards.add(board._id.toHexString());
    }
    const byId = new Map(
      threads.filter((t) => visibleBoards.has(t.boardId.toHexString())).map((t) => [t._id.toHexString(), t]),
    );
    return threadIds.flatMap((id) => byId.get(id) ?? []);
  }

  async getThread(actor: Actor | null, threadId: string): Promise<ThreadRecord> {
    return (await this.context.thread(actor, threadId, BoardAction.View)).thread;
  }

  /**
   * A thread page for this reader: the thread row read fresh, and the shared snapshot of its
   * version (built on the first read after a change). The access decision is the reader's own,
   * made on the snapshot's board (as fresh as the snapshot's time limit).
   */
  async threadPage(actor: Actor | null, threadId: string): Promise<{ thread: ThreadRecord; snapshot: ThreadSnapshot }> {
    const thread = await this.threads.findById(toObjectId(threadId, 'Thread', 'THREAD_NOT_FOUND'));
    assertVisible(thread);
    const snapshot = await this.snapshots.of(thread);
    await this.access.assert(actor, BoardAction.View, snapshot.board);
    return { thread, snapshot };
  }

  /** The first answers from a snapshot (hidden ones for moderators only), or undefined when it lacks some. */
  answersFromSnapshot(actor: Actor | null, snapshot: ThreadSnapshot, limit: number): Promise<PostRecord[] | undefined> {
    return snapshotAnswers(snapshot, limit, () => this.isModerator(actor, snapshot.board));
  }

  private async isModerator(actor: Actor | null, board: BoardRecord): Promise<boolean> {
    return actor !== null && (await this.access.can(actor, BoardAction.Moderate, board));
  }

  readonly answerCursorOf = (row: PostRecord) =>
    cursorValuesOf(row as unknown as Record<string, unknown>, ANSWER_ORDER);

  /**
   * A page of answers; the board's moderators also see hidden ones (marked `isHidden`). Hidden
   * answers are rare, so the page is read with them and the moderator check (and, for others, a
   * second read without them) happens only when one is there.
   */
  async answers(
    actor: Actor | null,
    thread: { id: string; boardId: string },
    limit: number,
    after?: string | null,
    /** Answers to pass over first: numbered pages with a stable URL (the site's ?answers=N). */
    skip = 0,
  ): Promise<Page<PostRecord>> {
    const threadId = new Types.ObjectId(thread.id);
    const boardId = new Types.ObjectId(thread.boardId);
    const position = after ? decodeCursor(after, ANSWER_ORDER.length) : undefined;
    const cursorOf = this.answerCursorOf;
    const isModerator = async () => this.isModerator(actor, await this.boards.requireById(boardId));
    // Past the first page, hidden answers before the window would shift it: ask who reads first.
    if (skip > 0) {
      return {
        rows: await this.posts.answers(threadId, boardId, limit, position, await isModerator(), skip),
        cursorOf,
      };
    }
    let rows = await this.posts.answers(threadId, boardId, limit, position, true);
    if (rows.some((row) => row.hiddenAt) && !(await isModerator())) {
      rows = await this.posts.answers(threadId, boardId, limit, position, false);
    }
    return { rows, cursorOf };
  }
}
