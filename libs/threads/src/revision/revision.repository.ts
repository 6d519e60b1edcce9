import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, Types } from 'mongoose';
import { RevisionRecord } from './revision.schema.js';

@Injectable()
export class RevisionRepository {
  constructor(@InjectModel(RevisionRecord.name) private readonly revisions: Model<RevisionRecord>) {}

  async insert(revision: Omit<RevisionRecord, '_id'>, session: ClientSession): Promise<void> {
    await this.revisions.create([revision], { session });
  }

  forPost(postId: Types.ObjectId): Promise<RevisionRecord[]> {
    return this.revisions.find({ postId }).sort({ revision: 1 }).lean<RevisionRecord[]>().exec();
  }
}
