import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, Types } from 'mongoose';
import { TagRecord } from './tag.schema.js';

@Injectable()
export class TagRepository {
  constructor(@InjectModel(TagRecord.name) private readonly tags: Model<TagRecord>) {}

  /** Adjusts question counts of a board's tags: +1 for added, -1 for removed. */
  async adjust(boardId: Types.ObjectId, added: string[], removed: string[], session: ClientSession): Promise<void> {
    // One operation per tag, however many of the questions given carry it (imports add thousands).
    const operations = [
      ...[...countOf(added)].map(([name, n]) => ({
        updateOne: { filter: { boardId, name }, update: { $inc: { questionCount: n } }, upsert: true },
      })),
      ...[...countOf(removed)].map(([name, n]) => ({
        updateOne: { filter: { boardId, name }, update: { $inc: { questionCount: -n } } },
      })),
    ];
    if (operations.length > 0) await this.tags.bulkWrite(operations, { session, ordered: true });
  }

  find(boardId: Types.ObjectId, name: string, session?: ClientSession): Promise<TagRecord | null> {
    return this.tags
      .findOne({ boardId, name })
      .session(session ?? null)
      .lean<TagRecord>()
      .exec();
  }

  /** A page of a board's tags in use, most used first; `prefix` narrows to names starting so. */
  async page(
    boardId: Types.ObjectId,
    query: { prefix: string; skip: number; limit: number },
  ): Promise<{ rows: TagRecord[]; total: number }> {
    const filter: Record<string, unknown> = { boardId, questionCount: { $gt: 0 } };
    if (query.prefix) filter.name = { $regex: `^${escapeRegex(query.prefix)}` };
    const [rows, total] = await Promise.all([
      this.tags
        .find(filter)
        .sort({ questionCount: -1, name: 1 })
        .skip(query.skip)
        .limit(query.limit)
        .lean<TagRecord[]>()
        .exec(),
      this.tags.countDocuments(filter).exec(),
    ]);
    return { rows, total };
  }

  /** Sets a tag's description (creating the row for a tag not used yet is not allowed: null then). */
  describe(
    boardId: Types.ObjectId,
    name: string,
    description: string,
    at: Date,
    session: ClientSession,
  ): Promise<TagRecord | null> {
    return this.tags
      .findOneAndUpdate(
        { boardId, name },
        { $set: { description, describedAt: at } },
        { session, returnDocument: 'after' },
      )
      .lean<TagRecord>()
      .exec();
  }

  popular(boardId: Types.ObjectId, limit: number): Promise<TagRecord[]> {
    return this.tags
      .find({ boardId, questionCount: { $gt: 0 } })
      .sort({ questionCount: -1, name: 1 })
      .limit(limit)
      .lean<TagRecord[]>()
      .exec();
  }
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function countOf(names: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}
