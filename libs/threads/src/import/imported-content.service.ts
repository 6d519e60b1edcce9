// Bulk writes of imported threads, posts and comments, for importers (votes: imported-votes.service.ts): each batch runs in
// the caller's transaction, inserts only records that do not exist yet (ids come from the
// source) and moves counters only for what it inserted, so a batch applied twice changes nothing.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { TransactionContext } from '@helpboard/database';
import { normaliseTags } from '@helpboard/boards';
import { CommentRepository } from '../comment/comment.repository.js';
import type { CommentRecord } from '../comment/comment.schema.js';
import { htmlToMarkdown } from '../markdown/html-to-markdown.js';
import { renderMarkdown } from '../markdown/render-markdown.js';
import { PostRepository } from '../post/post.repository.js';
import { PostKind, type PostRecord } from '../post/post.schema.js';
import { TagRepository } from '../tag/tag.repository.js';
import { THREAD_CHANGED_TOPIC } from '../thread/thread-changed.js';
import { ThreadRepository } from '../thread/thread.repository.js';
import { type ThreadRecord, ThreadStatus } from '../thread/thread.schema.js';
import { VoteRepository } from '../vote/vote.repository.js';
import type {
  ImportedAnswer,
  ImportedComment,
  ImportedDuplicate,
  ImportedQuestion,
  ImportOutcome,
} from './imported-content.js';

/** Why an imported closed question is closed when the source does not say (no duplicate link). */
export const IMPORTED_CLOSE_REASON = 'IMPORTED';

const hex = (id: Types.ObjectId) => id.toHexString();

function importedPost(
  fields: Pick<PostRecord, '_id' | 'kind' | 'threadId' | 'boardId' | 'authorId' | 'isAccepted' | 'createdAt'> & {
    bodyHtml: string;
    updatedAt: Date;
    origin: PostRecord['origin'];
  },
): PostRecord {
  // Stored as Markdown like any post (editing shows Markdown), rendered and sanitised the same way.
  const body = htmlToMarkdown(fields.bodyHtml);
  const { html, hasLinks } = renderMarkdown(body);
  return {
    ...fields,
    body,
    bodyHtml: html,
    hasLinks,
    mentionedUserIds: [],
    score: 0,
    upvotes: 0,
    downvotes: 0,
    commentCount: 0,
    isOfficial: false,
    revision: 1,
    editedAt: null,
    hiddenAt: null,
  };
}

@Injectable()
export class ImportedContentService {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly posts: PostRepository,
    private readonly comments: CommentRepository,
    private readonly votes: VoteRepository,
    private readonly tags: TagRepository,
  ) {}

  async addQuestions(
    boardId: Types.ObjectId,
    questions: ImportedQuestion[],
    tx: TransactionContext,
  ): Promise<ImportOutcome> {
    const existing = await this.threads.existingIds(
      questions.map((q) => q.id),
      tx.session,
    );
    const fresh = questions.filter((q) => !existing.has(hex(q.id)));
    const threads = fresh.map((q): ThreadRecord => ({
      _id: q.id,
      boardId,
      authorId: q.authorId,
      title: q.title,
      tags: normaliseTags(q.tags),
      status: q.closedAt ? ThreadStatus.CLOSED : ThreadStatus.OPEN,
      closeReason: q.closedAt ? IMPORTED_CLOSE_REASON : null,
      duplicateOfId: null,
      isLocked: false,
      isPinned: false,
      isProtected: false,
      acceptedAnswerId: q.acceptedAnswerId,
      officialAnswerId: null,
      score: 0,
      answerCount: 0,
      viewCount: q.viewCount,
      hiddenAt: null,
      origin: { site: q.origin.site, id: q.origin.id },
      lastActivityAt: q.lastActivityAt,
      createdAt: q.createdAt,
      updatedAt: q.lastActivityAt,
    }));
    const posts = fresh.map((q) =>
      importedPost({
        _id: q.id,
        kind: PostKind.QUESTION,
        threadId: q.id,
        boardId,
        authorId: q.authorId,
        bodyHtml: q.bodyHtml,
        isAccepted: false,
        origin: q.origin,
        createdAt: q.createdAt,
        updatedAt: q.lastActivityAt,
      }),
    );
    await this.threads.insertMany(threads, tx.session);
    await this.posts.insertMany(posts, tx.session);
    await this.tags.adjust(
      boardId,
      threads.flatMap((t) => t.tags),
      [],
      tx.session,
    );
    for (const thread of threads) tx.enqueue(THREAD_CHANGED_TOPIC, { threadId: hex(thread._id) });
    return { added: threads.length, dangling: [] };
  }

  async addAnswers(boardId: Types.ObjectId, answers: ImportedAnswer[], tx: TransactionContext): Promise<ImportOutcome> {
    const parents = new Map(
      (
        await this.threads.findByIds(
          answers.map((a) => a.questionId),
          tx.session,
        )
      )
        .filter((t) => t.boardId.equals(boardId))
        .map((t) => [hex(t._id), t]),
    );
    const dangling = answers.filter((a) => !parents.has(hex(a.questionId))).map((a) => a.id);
    const existing = await this.posts.existingIds(
      answers.map((a) => a.id),
      tx.session,
    );
    const fresh = answers.filter((a) => parents.has(hex(a.questionId)) && !existing.has(hex(a.id)));
    const posts = fresh.map((a) =>
      importedPost({
        _id: a.id,
        kind: PostKind.ANSWER,
        threadId: a.questionId,
        boardId,
        authorId: a.authorId,
        bodyHtml: a.bodyHtml,
        isAccepted: parents.get(hex(a.questionId))!.acceptedAnswerId?.equals(a.id) ?? false,
        origin: a.origin,
        createdAt: a.createdAt,
        updatedAt: a.lastActivityAt,
      }),
    );
    await this.posts.insertMany(posts, tx.session);
    const perThread = countBy(fresh.map((a) => a.questionId));
    await this.threads.incrementMany(
      [...perThread].map(([id, n]) => ({ id: new Types.ObjectId(id), inc: { answerCount: n } })),
      tx.session,
    );
    for (const id of perThread.keys()) tx.enqueue(THREAD_CHANGED_TOPIC, { threadId: id });
    return { added: posts.length, dangling };
  }

  async addComments(
    boardId: Types.ObjectId,
    comments: ImportedComment[],
    tx: TransactionContext,
  ): Promise<ImportOutcome> {
    const posts = await this.postsOnBoard(
      boardId,
      comments.map((c) => c.postId),
      tx,
    );
    const dangling = comments.filter((c) => !posts.has(hex(c.postId))).map((c) => c.id);
    const existing = await this.comments.existingIds(
      comments.map((c) => c.id),
      tx.session,
    );
    const fresh = comments.filter((c) => posts.has(hex(c.postId)) && !existing.has(hex(c.id)));
    const records = fresh.map((c): CommentRecord => ({
      _id: c.id,
      postId: c.postId,
      threadId: posts.get(hex(c.postId))!.threadId,
      boardId,
      authorId: c.authorId,
      body: c.text,
      bodyHtml: renderMarkdown(c.text).html,
      hiddenAt: null,
      origin: c.origin,
      createdAt: c.createdAt,
    }));
    await this.comments.insertMany(records, tx.session);
    await this.posts.incrementMany(
      [...countBy(fresh.map((c) => c.postId))].map(([id, n]) => ({
        id: new Types.ObjectId(id),
        inc: { commentCount: n },
      })),
      tx.session,
    );
    return { added: records.length, dangling };
  }

  /** Duplicate links (SE PostLinks type 3): the question points at its original. */
  async markDuplicates(links: ImportedDuplicate[], tx: TransactionContext): Promise<ImportOutcome> {
    const ids = links.flatMap((l) => [l.questionId, l.duplicateOfId]);
    const threads = new Map((await this.threads.findByIds(ids, tx.session)).map((t) => [hex(t._id), t]));
    let added = 0;
    const dangling: Types.ObjectId[] = [];
    for (const link of links) {
      const thread = threads.get(hex(link.questionId));
      const original = threads.get(hex(link.duplicateOfId));
      if (!thread || !original || !thread.boardId.equals(original.boardId)) {
        dangling.push(link.id);
        continue;
      }
      if (thread.duplicateOfId?.equals(link.duplicateOfId)) continue;
      const set: Partial<ThreadRecord> = { duplicateOfId: link.duplicateOfId };
      if (thread.status === ThreadStatus.CLOSED) set.closeReason = 'DUPLICATE';
      await this.threads.update(thread._id, { $set: set }, tx.session);
      added += 1;
    }
    return { added, dangling };
  }

  private async postsOnBoard(
    boardId: Types.ObjectId,
    ids: Types.ObjectId[],
    tx: TransactionContext,
  ): Promise<Map<string, Pick<PostRecord, '_id' | 'boardId' | 'threadId'>>> {
    const unique = [...new Set(ids.map(hex))].map((id) => new Types.ObjectId(id));
    const posts = await this.posts.fieldsOfMany(unique, ['boardId', 'threadId'], tx.session);
    return new Map(posts.filter((p) => p.boardId.equals(boardId)).map((p) => [hex(p._id), p]));
  }
}

function countBy(ids: Types.ObjectId[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(hex(id), (counts.get(hex(id)) ?? 0) + 1);
  return counts;
}
