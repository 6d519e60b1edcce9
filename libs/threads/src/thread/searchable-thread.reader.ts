// What search needs to know about a thread, read from the threads collections: the question, the
// text of its visible answers, and the flags search ranks on. Null when it must not be found.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { BoardService, BoardVisibility, OperatorService } from '@helpboard/boards';
import { markdownToText } from '../markdown/render-markdown.js';
import { PostRepository } from '../post/post.repository.js';
import { ThreadRepository } from './thread.repository.js';

export interface SearchableThread {
  id: string;
  title: string;
  body: string;
  answersText: string;
  tags: string[];
  boardId: string;
  boardSlug: string;
  operatorSlug: string;
  /** Private boards' threads are found only by those who may read the board. */
  isPrivateBoard: boolean;
  status: string;
  score: number;
  answerCount: number;
  hasAcceptedAnswer: boolean;
  hasOfficialAnswer: boolean;
  createdAt: Date;
  lastActivityAt: Date;
}

/** Answers' text indexed per thread; beyond this, more text adds little to finding it. */
const MAX_ANSWERS_INDEXED = 50;

@Injectable()
export class SearchableThreadReader {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly posts: PostRepository,
    private readonly boards: BoardService,
    private readonly operators: OperatorService,
  ) {}

  async read(threadId: string): Promise<SearchableThread | null> {
    if (!Types.ObjectId.isValid(threadId)) return null;
    const thread = await this.threads.findById(new Types.ObjectId(threadId));
    if (!thread || thread.hiddenAt) return null;
    const [board] = await this.boards.findByIds([thread.boardId]);
    // Archived boards stay readable by URL but leave search: their answers may be out of date.
    if (!board || board.archivedAt) return null;
    const [operator] = await this.operators.findByIds([board.operatorId]);
    const [question] = await this.posts.findByIds([thread._id]);
    const answers = await this.posts.answers(thread._id, thread.boardId, MAX_ANSWERS_INDEXED);
    return {
      id: threadId,
      title: thread.title,
      body: markdownToText(question?.body ?? ''),
      answersText: answers.map((answer) => markdownToText(answer.body)).join('\n'),
      tags: thread.tags,
      boardId: thread.boardId.toHexString(),
      boardSlug: board.slug,
      operatorSlug: operator?.slug ?? '',
      isPrivateBoard: board.visibility === BoardVisibility.PRIVATE,
      status: thread.status,
      score: thread.score,
      answerCount: thread.answerCount,
      hasAcceptedAnswer: thread.acceptedAnswerId !== null,
      hasOfficialAnswer: thread.officialAnswerId !== null,
      createdAt: thread.createdAt,
      lastActivityAt: thread.lastActivityAt,
    };
  }

  /** Every thread id, in batches, for rebuilding an index from MongoDB. */
  async *allThreadIds(batchSize = 500): AsyncGenerator<string[]> {
    let after: Types.ObjectId | undefined;
    for (;;) {
      const ids = await this.threads.idsAfter(after, batchSize);
      if (ids.length === 0) return;
      yield ids.map((id) => id.toHexString());
      after = ids.at(-1);
    }
  }
}
