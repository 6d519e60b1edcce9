import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, type QueryFilter, Types } from 'mongoose';
import { BoardVisibility } from '../permissions/board-permissions.js';
import { BoardKind, BoardRecord } from './board.schema.js';

export interface BoardListQuery {
  operatorId: Types.ObjectId;
  kind?: BoardKind;
  region?: string;
  afterSlug?: string;
  /** Private boards are listed only to the operator's admins. */
  includePrivate: boolean;
  limit: number;
}

@Injectable()
export class BoardRepository {
  constructor(@InjectModel(BoardRecord.name) private readonly boards: Model<BoardRecord>) {}

  async insert(board: Omit<BoardRecord, '_id'>, session?: ClientSession): Promise<BoardRecord> {
    const [created] = await this.boards.create([board], { session });
    return created.toObject();
  }

  findBySlug(slug: string): Promise<BoardRecord | null> {
    return this.boards.findOne({ slug }).lean<BoardRecord>().exec();
  }

  findByIds(ids: readonly Types.ObjectId[]): Promise<BoardRecord[]> {
    return this.boards
      .find({ _id: { $in: ids } })
      .lean<BoardRecord[]>()
      .exec();
  }

  /** Keyset page ordered by slug (unique), so pages neither repeat nor skip boards. */
  list(query: BoardListQuery): Promise<BoardRecord[]> {
    const filter: QueryFilter<BoardRecord> = { operatorId: query.operatorId };
    if (query.kind) filter.kind = query.kind;
    if (query.region) filter.region = query.region;
    if (!query.includePrivate) filter.visibility = BoardVisibility.PUBLIC;
    if (query.afterSlug !== undefined) filter.slug = { $gt: query.afterSlug };
    return this.boards.find(filter).sort({ slug: 1 }).limit(query.limit).lean<BoardRecord[]>().exec();
  }

  /** Private boards among `memberOf` or run by `operatorIds` (null: every private board). */
  findPrivate(memberOf: Types.ObjectId[], operatorIds: Types.ObjectId[] | null): Promise<BoardRecord[]> {
    const scope =
      operatorIds === null ? {} : { $or: [{ _id: { $in: memberOf } }, { operatorId: { $in: operatorIds } }] };
    return this.boards
      .find({ visibility: BoardVisibility.PRIVATE, ...scope })
      .lean<BoardRecord[]>()
      .exec();
  }

  update(id: Types.ObjectId, changes: Partial<Omit<BoardRecord, '_id'>>): Promise<BoardRecord | null> {
    return this.boards.findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after' }).lean<BoardRecord>().exec();
  }

  async incrementMembers(id: Types.ObjectId, delta: number, session?: ClientSession): Promise<void> {
    await this.boards.updateOne({ _id: id }, { $inc: { memberCount: delta } }, { session });
  }
}
