// A board's tags: the index (counts, descriptions, a name filter), one tag's page data, and the
// moderators' descriptions. Every read goes through the board's access decision first.
import { Injectable } from '@nestjs/common';
import { type Actor, Clock, InvalidInputError, NotFoundError } from '@helpboard/core';
import { BoardAccessService, BoardAction, type BoardRecord, BoardService, normaliseTags } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { TagDescribed } from '../events/thread-events.js';
import { PostRepository } from '../post/post.repository.js';
import { ThreadRepository } from '../thread/thread.repository.js';
import { TagRepository } from './tag.repository.js';
import type { TagRecord } from './tag.schema.js';

export const TAG_DESCRIPTION_MAX = 500;
export const TAGS_PER_PAGE_MAX = 100;
/** Top answerers are counted over the tag's latest active questions: bounded work on big boards. */
const TOP_ANSWERERS_OVER_THREADS = 500;

export interface TagIndexPage {
  board: BoardRecord;
  tags: TagRecord[];
  total: number;
}

export interface TagAnswerer {
  userId: string;
  answers: number;
  totalScore: number;
}

@Injectable()
export class TagService {
  constructor(
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly tags: TagRepository,
    private readonly threads: ThreadRepository,
    private readonly posts: PostRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Tags in use on a board, most used first; `search` keeps the names starting with it. */
  async tagIndex(
    actor: Actor | null,
    boardSlug: string,
    query: { search?: string | null; skip: number; limit: number },
  ): Promise<TagIndexPage> {
    const board = await this.readableBoard(actor, boardSlug);
    const [prefix = ''] = query.search?.trim() ? normaliseTags([query.search]) : [];
    const { rows, total } = await this.tags.page(board._id, {
      prefix: prefix.slice(0, 35),
      skip: Math.max(0, query.skip),
      limit: Math.min(Math.max(query.limit, 1), TAGS_PER_PAGE_MAX),
    });
    return { board, tags: rows, total };
  }

  /** One tag of a board (NOT_FOUND for a name no question ever carried there). */
  async tag(actor: Actor | null, boardSlug: string, name: string): Promise<{ board: BoardRecord; tag: TagRecord }> {
    const board = await this.readableBoard(actor, boardSlug);
    return { board, tag: await this.requireTag(board, name) };
  }

  /** Who answers this tag's questions best: total score of their visible answers there. */
  async topAnswerers(board: BoardRecord, tag: string, limit: number): Promise<TagAnswerer[]> {
    const threadIds = await this.threads.idsTagged(board._id, tag, TOP_ANSWERERS_OVER_THREADS);
    const rows = await this.posts.topAnswerersIn(board._id, threadIds, limit);
    return rows.map((row) => ({
      userId: row.authorId.toHexString(),
      answers: row.answers,
      totalScore: row.totalScore,
    }));
  }

  /** Whether the actor may write tag descriptions on the board (moderators, owners, operator admins). */
  mayDescribe(actor: Actor | null, board: BoardRecord): Promise<boolean> {
    return this.access.can(actor, BoardAction.Moderate, board);
  }

  /**
   * Moderators describe a tag (plain text; empty clears it). Moderation records the change in its
   * audit log inside this transaction (TagDescribed).
   */
  async describeTag(actor: Actor, boardSlug: string, name: string, description: string): Promise<TagRecord> {
    const board = await this.readableBoard(actor, boardSlug);
    await this.access.assert(actor, BoardAction.Moderate, board);
    const text = description.trim();
    if (text.length > TAG_DESCRIPTION_MAX) {
      throw new InvalidInputError([
        { field: 'description', message: 'LENGTH_OUT_OF_RANGE', params: { min: 0, max: TAG_DESCRIPTION_MAX } },
      ]);
    }
    const tag = await this.requireTag(board, name);
    return this.unitOfWork.run(async (tx) => {
      const now = this.clock.now();
      const before = await this.tags.find(board._id, tag.name, tx.session);
      const after = await this.tags.describe(board._id, tag.name, text, now, tx.session);
      if (!before || !after) throw new NotFoundError('Tag', 'TAG_NOT_FOUND');
      tx.publishAfterCommit(
        new TagDescribed(
          board._id.toHexString(),
          actor.userId,
          now,
          after._id.toHexString(),
          after.name,
          before.description ?? '',
          text,
        ),
      );
      return after;
    });
  }

  private async readableBoard(actor: Actor | null, slug: string): Promise<BoardRecord> {
    const board = await this.boards.requireBoard(slug);
    await this.access.assert(actor, BoardAction.View, board);
    return board;
  }

  private async requireTag(board: BoardRecord, name: string): Promise<TagRecord> {
    const [normalised] = normaliseTags([name]);
    const tag = normalised ? await this.tags.find(board._id, normalised) : null;
    if (!tag) throw new NotFoundError('Tag', 'TAG_NOT_FOUND');
    return tag;
  }
}
