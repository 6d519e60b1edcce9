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

  popular(boardId: Types.ObjectId, limit: number): Promise<TagRecord[]> {
    return this.tags
      .find({ boardId, questionCount: { $gt: 0 } })
      .sort({ questionCount: -1, name: 1 })
      .limit(limit)
      .lean<TagRecord[]>()
      .exec();
  }
}

function countOf(names: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}
