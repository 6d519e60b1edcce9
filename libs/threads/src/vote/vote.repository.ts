import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { presentIds } from '@helpboard/database';
import { type ClientSession, Model, Types } from 'mongoose';
import { VoteRecord } from './vote.schema.js';

@Injectable()
export class VoteRepository {
  constructor(@InjectModel(VoteRecord.name) private readonly votes: Model<VoteRecord>) {}

  find(postId: Types.ObjectId, voterId: Types.ObjectId, session?: ClientSession): Promise<VoteRecord | null> {
    return this.votes
      .findOne({ postId, voterId })
      .session(session ?? null)
      .lean<VoteRecord>()
      .exec();
  }

  /** Votes follow their posts to another board (shard key `boardId`). */
  async followPosts(
    postIds: readonly Types.ObjectId[],
    boardId: Types.ObjectId,
    session: ClientSession,
  ): Promise<void> {
    await this.votes.updateMany({ postId: { $in: postIds } }, { $set: { boardId } }, { session });
  }

  /** One voter's votes on many posts (a thread page shows the viewer's own votes). */
  forVoter(voterId: Types.ObjectId, postIds: readonly Types.ObjectId[]): Promise<VoteRecord[]> {
    return this.votes
      .find({ voterId, postId: { $in: postIds } })
      .lean<VoteRecord[]>()
      .exec();
  }

  /** Votes cast in a period by voters who voted at least `threshold` times on one author's posts. */
  async serialVotes(
    since: Date,
    until: Date,
    threshold: number,
  ): Promise<{ voterId: Types.ObjectId; authorId: Types.ObjectId; postIds: Types.ObjectId[] }[]> {
    return this.votes
      .aggregate<{ _id: { voterId: Types.ObjectId; authorId: Types.ObjectId }; postIds: Types.ObjectId[]; n: number }>([
        { $match: { castAt: { $gte: since, $lte: until } } },
        {
          $group: {
            _id: { voterId: '$voterId', authorId: '$authorId' },
            postIds: { $push: '$postId' },
            n: { $sum: 1 },
          },
        },
        { $match: { n: { $gte: threshold } } },
      ])
      .exec()
      .then((rows) =>
        rows.map((row) => ({ voterId: row._id.voterId, authorId: row._id.authorId, postIds: row.postIds })),
      );
  }

  async upsert(vote: Omit<VoteRecord, '_id'>, session: ClientSession): Promise<void> {
    await this.votes.updateOne(
      { postId: vote.postId, voterId: vote.voterId },
      {
        $set: { value: vote.value, castAt: vote.castAt },
        $setOnInsert: { boardId: vote.boardId, authorId: vote.authorId },
      },
      { upsert: true, session },
    );
  }

  async remove(postId: Types.ObjectId, voterId: Types.ObjectId, session: ClientSession): Promise<void> {
    await this.votes.deleteOne({ postId, voterId }, { session });
  }

  existingIds(ids: readonly Types.ObjectId[], session?: ClientSession): Promise<Set<string>> {
    return presentIds(this.votes, ids, session);
  }

  /** Bulk imports: records built whole by the importer, inserted lean (nothing to cast or validate). */
  async insertMany(records: VoteRecord[], session: ClientSession): Promise<void> {
    if (records.length > 0) await this.votes.insertMany(records, { session, ordered: false, lean: true });
  }
}
