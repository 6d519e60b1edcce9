import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { LinkRecord, PostLinkRecord } from './link.schema.js';

@Injectable()
export class LinkRepository {
  constructor(
    @InjectModel(LinkRecord.name) private readonly links: Model<LinkRecord>,
    @InjectModel(PostLinkRecord.name) private readonly postLinks: Model<PostLinkRecord>,
  ) {}

  async insert(link: LinkRecord, session?: ClientSession): Promise<void> {
    await this.links.create([link], { session });
  }

  findByCode(code: string): Promise<LinkRecord | null> {
    return this.links.findOne({ code }).lean<LinkRecord>().exec();
  }

  findByCodes(codes: readonly string[], session?: ClientSession): Promise<LinkRecord[]> {
    return this.links
      .find({ code: { $in: codes } })
      .session(session ?? null)
      .lean<LinkRecord[]>()
      .exec();
  }

  findById(id: Types.ObjectId): Promise<LinkRecord | null> {
    return this.links.findById(id).lean<LinkRecord>().exec();
  }

  findForPost(
    ownerId: Types.ObjectId,
    campaignId: Types.ObjectId,
    postId: Types.ObjectId,
    session?: ClientSession,
  ): Promise<LinkRecord | null> {
    return this.links
      .findOne({ ownerId, campaignId, postId })
      .session(session ?? null)
      .lean<LinkRecord>()
      .exec();
  }

  /** Newest first, `limit` after the `before` id. */
  forOwner(ownerId: Types.ObjectId, limit: number, before?: Types.ObjectId): Promise<LinkRecord[]> {
    return this.links
      .find({ ownerId, ...(before ? { _id: { $lt: before } } : {}) })
      .sort({ _id: -1 })
      .limit(limit)
      .lean<LinkRecord[]>()
      .exec();
  }

  /** Makes `entries` the referral links of a post, replacing what an earlier version had. */
  async replacePostLinks(postId: Types.ObjectId, entries: Omit<PostLinkRecord, '_id'>[], session: ClientSession) {
    await this.postLinks.deleteMany({ postId }, { session }).exec();
    if (entries.length > 0) await this.postLinks.insertMany(entries, { session });
  }

  /** Of these posts, the ids of those whose body has a referral link. */
  async postsWithLinks(postIds: readonly Types.ObjectId[]): Promise<Set<string>> {
    const ids: Types.ObjectId[] = await this.postLinks.distinct('postId', { postId: { $in: postIds } }).exec();
    return new Set(ids.map((id) => id.toHexString()));
  }
}
