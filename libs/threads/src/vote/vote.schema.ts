import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { type ImportOrigin, ORIGIN_PROP } from '@helpboard/core';

// Shard key (docs/sharding.md): the unique (post, voter) index is the key itself.
@Schema({ collection: 'votes', versionKey: false, shardKey: { postId: 1, voterId: 1 } })
export class VoteRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  postId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  voterId!: Types.ObjectId;

  /** The post's author, so serial-voting checks need no join. */
  @Prop({ type: Types.ObjectId, required: true })
  authorId!: Types.ObjectId;

  /** +1 or -1; retracting a vote deletes the row. */
  @Prop({ type: Number, required: true })
  value!: 1 | -1;

  /** Imported records: the source site and row id (see ImportOrigin); null otherwise. */
  @Prop(ORIGIN_PROP)
  origin?: ImportOrigin | null;

  /** When this value was cast: the 5-minute change window starts here. */
  @Prop({ required: true })
  castAt!: Date;
}

export const VoteSchema = SchemaFactory.createForClass(VoteRecord);
VoteSchema.index({ postId: 1, voterId: 1 }, { unique: true });
VoteSchema.index({ voterId: 1, authorId: 1, castAt: -1 });
