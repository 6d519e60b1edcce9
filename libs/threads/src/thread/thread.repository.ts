import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { presentIds } from '@helpboard/database';
import { type ClientSession, Model, Types, type UpdateQuery } from 'mongoose';
import { keysetFilter, type SortSpec, sortDocument } from '@helpboard/core';
import { ThreadRecord } from './thread.schema.js';

export interface ThreadListQuery {
  boardId: Types.ObjectId;
  sort: SortSpec;
  /** Extra conditions of the list (tag, unanswered). */
  filter: Record<string, unknown>;
  after?: readonly unknown[];
  limit: number;
}

@Injectable()
export class ThreadRepository {
  constructor(@InjectModel(ThreadRecord.name) private readonly threads: Model<ThreadRecord>) {}

  /** Visible questions on a board read at least `minViews` times, with their askers. */
  viewedAtLeast(
    boardId: Types.ObjectId,
    minViews: number,
  ): Promise<{ _id: Types.ObjectId; authorId: Types.ObjectId }[]> {
    return this.threads
      .find({ boardId, hiddenAt: null, viewCount: { $gte: minViews } }, { authorId: 1 })
      .lean<{ _id: Types.ObjectId; authorId: Types.ObjectId }[]>()
      .exec();
  }

  async insert(thread: ThreadRecord, session: ClientSession): Promise<void> {
    await this.threads.create([thread], { session });
  }

  findById(id: Types.ObjectId, session?: ClientSession): Promise<ThreadRecord | null> {
    return this.threads
      .findById(id)
      .session(session ?? null)
      .lean<ThreadRecord>()
      .exec();
  }

  findByIds(ids: readonly Types.ObjectId[], session?: ClientSession): Promise<ThreadRecord[]> {
    return this.threads
      .find({ _id: { $in: ids } })
      .session(session ?? null)
      .lean<ThreadRecord[]>()
      .exec();
  }

  /** Only some fields of many threads (bulk imports). */
  fieldsOfMany<K extends keyof ThreadRecord>(
    ids: readonly Types.ObjectId[],
    fields: readonly K[],
    session?: ClientSession,
  ): Promise<Pick<ThreadRecord, K | '_id'>[]> {
    return this.threads
      .find({ _id: { $in: ids } }, Object.fromEntries(fields.map((field) => [field, 1])))
      .session(session ?? null)
      .lean<Pick<ThreadRecord, K | '_id'>[]>()
      .exec();
  }

  list(query: ThreadListQuery): Promise<ThreadRecord[]> {
    const conditions: Record<string, unknown>[] = [{ boardId: query.boardId, hiddenAt: null }, query.filter];
    if (query.after) conditions.push(keysetFilter(query.sort, query.after));
    return this.threads
      .find({ $and: conditions })
      .sort(sortDocument(query.sort))
      .limit(query.limit)
      .lean<ThreadRecord[]>()
      .exec();
  }

  /** The views of these threads together (visible ones only): a profile's "people reached". */
  async totalViews(ids: readonly Types.ObjectId[]): Promise<number> {
    if (ids.length === 0) return 0;
    const [row] = await this.threads
      .aggregate<{ views: number }>([
        { $match: { _id: { $in: ids }, hiddenAt: null } },
        { $group: { _id: null, views: { $sum: '$viewCount' } } },
      ])
      .exec();
    return row?.views ?? 0;
  }

  /** The latest active visible threads carrying a tag on a board (index boardId, tags, lastActivityAt). */
  async idsTagged(boardId: Types.ObjectId, tag: string, limit: number): Promise<Types.ObjectId[]> {
    const rows = await this.threads
      .find({ boardId, tags: tag, hiddenAt: null }, { _id: 1 })
      .sort({ lastActivityAt: -1 })
      .limit(limit)
      .lean<{ _id: Types.ObjectId }[]>()
      .exec();
    return rows.map((row) => row._id);
  }

  /** A change of the thread's page commits with this (see ThreadRecord.pageVersion). */
  async bumpPageVersion(id: Types.ObjectId, session: ClientSession): Promise<void> {
    await this.threads.updateOne({ _id: id }, { $inc: { pageVersion: 1 } }, { session }).exec();
  }

  async update(
    id: Types.ObjectId,
    update: UpdateQuery<ThreadRecord>,
    session?: ClientSession,
  ): Promise<ThreadRecord | null> {
    return this.threads.findByIdAndUpdate(id, update, { returnDocument: 'after', session }).lean<ThreadRecord>().exec();
  }

  async idsAfter(after: Types.ObjectId | undefined, limit: number): Promise<Types.ObjectId[]> {
    const rows = await this.threads
      .find(after ? { _id: { $gt: after } } : {}, { _id: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<{ _id: Types.ObjectId }[]>()
      .exec();
    return rows.map((row) => row._id);
  }

  /** Adds buffered view counts in one round trip. */
  async addViews(counts: Map<string, number>): Promise<void> {
    if (counts.size === 0) return;
    await this.threads.bulkWrite(
      [...counts].map(([id, n]) => ({
        updateOne: { filter: { _id: new Types.ObjectId(id) }, update: { $inc: { viewCount: n } } },
      })),
      { ordered: false },
    );
  }

  viewCounts(ids: Types.ObjectId[]): Promise<Pick<ThreadRecord, '_id' | 'boardId' | 'authorId' | 'viewCount'>[]> {
    return this.threads
      .find({ _id: { $in: ids } }, { boardId: 1, authorId: 1, viewCount: 1 })
      .lean<Pick<ThreadRecord, '_id' | 'boardId' | 'authorId' | 'viewCount'>[]>()
      .exec();
  }

  existingIds(ids: readonly Types.ObjectId[], session?: ClientSession): Promise<Set<string>> {
    return presentIds(this.threads, ids, session);
  }

  /** Bulk imports: records built whole by the importer, inserted lean (nothing to cast or validate). */
  async insertMany(records: ThreadRecord[], session: ClientSession): Promise<void> {
    if (records.length > 0) await this.threads.insertMany(records, { session, ordered: false, lean: true });
  }

  /** Adds to counters of many records at once (bulk imports). */
  async incrementMany(
    changes: { id: Types.ObjectId; inc: Partial<Record<keyof ThreadRecord, number>>; set?: Partial<ThreadRecord> }[],
    session: ClientSession,
  ): Promise<void> {
    if (changes.length === 0) return;
    await this.threads.bulkWrite(
      changes.map((change) => ({
        updateOne: {
          filter: { _id: change.id },
          update: { $inc: change.inc, ...(change.set ? { $set: change.set } : {}) } as UpdateQuery<ThreadRecord>,
        },
      })),
      { session, ordered: true },
    );
  }
}
