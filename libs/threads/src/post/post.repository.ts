import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { presentIds } from '@helpboard/database';
import { type ClientSession, Model, Types, type UpdateQuery } from 'mongoose';
import { keysetFilter, type SortSpec, sortDocument } from '@helpboard/core';
import { PostKind, PostRecord } from './post.schema.js';

export interface AnswerStats {
  count: number;
  totalScore: number;
  officialCount: number;
}

/** Display order of answers on a thread page. */
/** A profile's lists of questions and answers: newest first. */
export const AUTHOR_POST_ORDER: SortSpec = [
  ['createdAt', -1],
  ['_id', -1],
];

export const ANSWER_ORDER: SortSpec = [
  ['isAccepted', -1],
  ['isOfficial', -1],
  ['score', -1],
  ['createdAt', 1],
  ['_id', 1],
];

@Injectable()
export class PostRepository {
  constructor(@InjectModel(PostRecord.name) private readonly posts: Model<PostRecord>) {}

  async insert(post: PostRecord, session: ClientSession): Promise<void> {
    await this.posts.create([post], { session });
  }

  findById(id: Types.ObjectId, session?: ClientSession): Promise<PostRecord | null> {
    return this.posts
      .findById(id)
      .session(session ?? null)
      .lean<PostRecord>()
      .exec();
  }

  countByAuthorOnBoard(authorId: Types.ObjectId, boardId: Types.ObjectId, session?: ClientSession): Promise<number> {
    return this.posts
      .countDocuments({ boardId, authorId })
      .session(session ?? null)
      .exec();
  }

  /** When an author's latest posts of a kind were written, newest first, back to `since`. */
  async recentByAuthor(
    authorId: Types.ObjectId,
    kind: PostKind,
    since: Date,
    limit: number,
    session?: ClientSession,
  ): Promise<Date[]> {
    const rows = await this.posts
      .find({ authorId, createdAt: { $gte: since }, kind }, { createdAt: 1 })
      .sort({ createdAt: -1 })
      .limit(limit)
      .session(session ?? null)
      .lean<{ createdAt: Date }[]>()
      .exec();
    return rows.map((row) => row.createdAt);
  }

  /** Boards a user wrote visible posts on (profiles decide which of them a viewer may read). */
  boardIdsOfAuthor(authorId: Types.ObjectId): Promise<Types.ObjectId[]> {
    return this.posts.distinct('boardId', { authorId, hiddenAt: null }).exec();
  }

  /** A user's visible questions or answers on these boards, newest first, after a keyset position. */
  byAuthor(
    authorId: Types.ObjectId,
    kind: PostKind,
    boardIds: readonly Types.ObjectId[],
    limit: number,
    after?: readonly unknown[],
  ): Promise<PostRecord[]> {
    const conditions: Record<string, unknown>[] = [{ authorId, kind, hiddenAt: null, boardId: { $in: boardIds } }];
    if (after) conditions.push(keysetFilter(AUTHOR_POST_ORDER, after));
    return this.posts
      .find({ $and: conditions })
      .sort(sortDocument(AUTHOR_POST_ORDER))
      .limit(limit)
      .lean<PostRecord[]>()
      .exec();
  }

  /** Threads a user asked or answered (visible posts) on these boards. */
  threadIdsOfAuthor(authorId: Types.ObjectId, boardIds: readonly Types.ObjectId[]): Promise<Types.ObjectId[]> {
    return this.posts.distinct('threadId', { authorId, hiddenAt: null, boardId: { $in: boardIds } }).exec();
  }

  /** A user's visible answers, best first (profile pages). */
  topAnswersOf(authorId: Types.ObjectId, limit: number): Promise<PostRecord[]> {
    return this.posts
      .find({ authorId, kind: PostKind.ANSWER, hiddenAt: null })
      .sort({ score: -1, _id: -1 })
      .limit(limit)
      .lean<PostRecord[]>()
      .exec();
  }

  findByIds(ids: readonly Types.ObjectId[], session?: ClientSession): Promise<PostRecord[]> {
    return this.posts
      .find({ _id: { $in: ids } })
      .session(session ?? null)
      .lean<PostRecord[]>()
      .exec();
  }

  /** Only some fields of many posts (bulk imports look up thousands, bodies not needed). */
  fieldsOfMany<K extends keyof PostRecord>(
    ids: readonly Types.ObjectId[],
    fields: readonly K[],
    session?: ClientSession,
  ): Promise<Pick<PostRecord, K | '_id'>[]> {
    return this.posts
      .find({ _id: { $in: ids } }, Object.fromEntries(fields.map((field) => [field, 1])))
      .session(session ?? null)
      .lean<Pick<PostRecord, K | '_id'>[]>()
      .exec();
  }

  /** A page of a thread's visible answers, in display order. */
  answers(
    threadId: Types.ObjectId,
    boardId: Types.ObjectId,
    limit: number,
    after?: readonly unknown[],
    includeHidden = false,
    skip = 0,
  ): Promise<PostRecord[]> {
    const conditions: Record<string, unknown>[] = [
      { threadId, boardId, kind: PostKind.ANSWER, ...(includeHidden ? {} : { hiddenAt: null }) },
    ];
    if (after) conditions.push(keysetFilter(ANSWER_ORDER, after));
    return this.posts
      .find({ $and: conditions })
      .sort(sortDocument(ANSWER_ORDER))
      .skip(skip)
      .limit(limit)
      .lean<PostRecord[]>()
      .exec();
  }

  /** A user's visible answers on a board: how many, and their total score (expert badges). */
  async answerStats(authorId: Types.ObjectId, boardId: Types.ObjectId): Promise<AnswerStats> {
    const [row] = await this.posts
      .aggregate<AnswerStats>([
        { $match: { boardId, authorId, kind: PostKind.ANSWER, hiddenAt: null } },
        {
          $group: {
            _id: null,
            count: { $sum: 1 },
            totalScore: { $sum: '$score' },
            officialCount: { $sum: { $cond: ['$isOfficial', 1, 0] } },
          },
        },
      ])
      .exec();
    return { count: row?.count ?? 0, totalScore: row?.totalScore ?? 0, officialCount: row?.officialCount ?? 0 };
  }

  /** Per author of visible answers on a board: their answer stats and accepted answers (badges from history). */
  async answerStatsByAuthor(
    boardId: Types.ObjectId,
  ): Promise<(AnswerStats & { authorId: Types.ObjectId; accepted: number })[]> {
    const rows = await this.posts
      .aggregate<AnswerStats & { _id: Types.ObjectId; accepted: number }>([
        { $match: { boardId, kind: PostKind.ANSWER, hiddenAt: null } },
        {
          $group: {
            _id: '$authorId',
            count: { $sum: 1 },
            totalScore: { $sum: '$score' },
            officialCount: { $sum: { $cond: ['$isOfficial', 1, 0] } },
            accepted: { $sum: { $cond: ['$isAccepted', 1, 0] } },
          },
        },
      ])
      .exec();
    return rows.map(({ _id, ...stats }) => ({ authorId: _id, ...stats }));
  }

  /** Authors of the visible answers in these threads, by the answers' total score (then count). */
  async topAnswerersIn(
    boardId: Types.ObjectId,
    threadIds: readonly Types.ObjectId[],
    limit: number,
  ): Promise<{ authorId: Types.ObjectId; answers: number; totalScore: number }[]> {
    if (threadIds.length === 0) return [];
    const rows = await this.posts
      .aggregate<{ _id: Types.ObjectId; answers: number; totalScore: number }>([
        { $match: { boardId, threadId: { $in: threadIds }, kind: PostKind.ANSWER, hiddenAt: null } },
        { $group: { _id: '$authorId', answers: { $sum: 1 }, totalScore: { $sum: '$score' } } },
        { $sort: { totalScore: -1, answers: -1, _id: 1 } },
        { $limit: limit },
      ])
      .exec();
    return rows.map((row) => ({ authorId: row._id, answers: row.answers, totalScore: row.totalScore }));
  }

  /** Visible answers on a board scored at least `minScore`. */
  answersScoredAtLeast(
    boardId: Types.ObjectId,
    minScore: number,
  ): Promise<{ _id: Types.ObjectId; authorId: Types.ObjectId; score: number }[]> {
    return this.posts
      .find({ boardId, kind: PostKind.ANSWER, hiddenAt: null, score: { $gte: minScore } }, { authorId: 1, score: 1 })
      .lean<{ _id: Types.ObjectId; authorId: Types.ObjectId; score: number }[]>()
      .exec();
  }

  /** Per author of posts on these boards: visible answers and accepted ones (operator exports). */
  authorStats(
    boardIds: readonly Types.ObjectId[],
  ): Promise<{ authorId: Types.ObjectId; answers: number; accepted: number }[]> {
    return this.posts
      .aggregate<{ _id: Types.ObjectId; answers: number; accepted: number }>([
        { $match: { boardId: { $in: boardIds }, hiddenAt: null } },
        {
          $group: {
            _id: '$authorId',
            answers: { $sum: { $cond: [{ $eq: ['$kind', PostKind.ANSWER] }, 1, 0] } },
            accepted: { $sum: { $cond: ['$isAccepted', 1, 0] } },
          },
        },
      ])
      .exec()
      .then((rows) => rows.map((row) => ({ authorId: row._id, answers: row.answers, accepted: row.accepted })));
  }

  /** Posts follow their thread to another board (the board id is their shard key). */
  /** Moves a thread's posts to another board; returns their ids. */
  async moveThread(
    threadId: Types.ObjectId,
    boardId: Types.ObjectId,
    session: ClientSession,
  ): Promise<Types.ObjectId[]> {
    await this.posts.updateMany({ threadId }, { $set: { boardId } }, { session });
    const rows = await this.posts
      .find({ threadId }, { _id: 1 })
      .session(session)
      .lean<{ _id: Types.ObjectId }[]>()
      .exec();
    return rows.map((row) => row._id);
  }

  /** Every answer of a thread, hidden ones included (merging moves them all). */
  allAnswers(threadId: Types.ObjectId, session: ClientSession): Promise<PostRecord[]> {
    return this.posts.find({ threadId, kind: PostKind.ANSWER }).session(session).lean<PostRecord[]>().exec();
  }

  async reparent(
    ids: readonly Types.ObjectId[],
    to: { threadId: Types.ObjectId; boardId: Types.ObjectId },
    session: ClientSession,
  ): Promise<void> {
    await this.posts.updateMany({ _id: { $in: ids } }, { $set: to }, { session });
  }

  async update(
    id: Types.ObjectId,
    update: UpdateQuery<PostRecord>,
    session?: ClientSession,
  ): Promise<PostRecord | null> {
    return this.posts.findByIdAndUpdate(id, update, { returnDocument: 'after', session }).lean<PostRecord>().exec();
  }

  existingIds(ids: readonly Types.ObjectId[], session?: ClientSession): Promise<Set<string>> {
    return presentIds(this.posts, ids, session);
  }

  /** Bulk imports: records built whole by the importer, inserted lean (nothing to cast or validate). */
  async insertMany(records: PostRecord[], session: ClientSession): Promise<void> {
    if (records.length > 0) await this.posts.insertMany(records, { session, ordered: false, lean: true });
  }

  /** Adds to counters of many records at once (bulk imports). */
  async incrementMany(
    changes: { id: Types.ObjectId; inc: Partial<Record<keyof PostRecord, number>>; set?: Partial<PostRecord> }[],
    session: ClientSession,
  ): Promise<void> {
    if (changes.length === 0) return;
    await this.posts.bulkWrite(
      changes.map((change) => ({
        updateOne: {
          filter: { _id: change.id },
          update: { $inc: change.inc, ...(change.set ? { $set: change.set } : {}) } as UpdateQuery<PostRecord>,
        },
      })),
      { session, ordered: true },
    );
  }
}
