// Who follows what: a thread, a board, or a tag on a board. Followers hear of new answers
// (threads) and new questions (boards, tags).
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum FollowTargetType {
  THREAD = 'THREAD',
  BOARD = 'BOARD',
  TAG = 'TAG',
}

@Schema({ collection: 'follows', versionKey: false })
export class FollowRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(FollowTargetType), required: true })
  targetType!: FollowTargetType;

  /** The thread, or the board (for BOARD and TAG). */
  @Prop({ type: Types.ObjectId, required: true })
  targetId!: Types.ObjectId;

  /** TAG only: the normalised tag; empty otherwise (so the unique key has no nulls). */
  @Prop({ type: String, default: '' })
  tag!: string;

  @Prop({ required: true })
  createdAt!: Date;
}

export const FollowSchema = SchemaFactory.createForClass(FollowRecord);
FollowSchema.index({ userId: 1, targetType: 1, targetId: 1, tag: 1 }, { unique: true });
FollowSchema.index({ targetType: 1, targetId: 1, tag: 1 });
FollowSchema.index({ userId: 1, createdAt: -1, _id: -1 });
