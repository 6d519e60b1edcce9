import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** Every version of a post, the first included: who wrote it, when, and what it said. */
// Shard key (docs/sharding.md): equals the unique (post, revision) index.
@Schema({ collection: 'post_revisions', versionKey: false, shardKey: { postId: 1, revision: 1 } })
export class RevisionRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  postId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ required: true })
  revision!: number;

  @Prop({ type: Types.ObjectId, required: true })
  editorId!: Types.ObjectId;

  @Prop({ required: true })
  body!: string;

  /** Questions only. */
  @Prop({ type: String, default: null })
  title!: string | null;

  @Prop({ type: [String], default: null })
  tags!: string[] | null;

  @Prop({ type: String, default: null })
  summary!: string | null;

  @Prop({ required: true })
  createdAt!: Date;
}

export const RevisionSchema = SchemaFactory.createForClass(RevisionRecord);
RevisionSchema.index({ postId: 1, revision: 1 }, { unique: true });
