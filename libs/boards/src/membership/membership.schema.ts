import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { BoardRole } from '../permissions/board-permissions.js';

// Shard key (docs/sharding.md): equals the unique (board, user) index; author cards ask per board.
@Schema({ collection: 'board_memberships', versionKey: false, shardKey: { boardId: 1, userId: 1 } })
export class MembershipRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(BoardRole), required: true })
  role!: BoardRole;

  /** Who granted a role above member; null when the user joined by themselves. */
  @Prop({ type: Types.ObjectId, default: null })
  grantedBy!: Types.ObjectId | null;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const MembershipSchema = SchemaFactory.createForClass(MembershipRecord);
MembershipSchema.index({ boardId: 1, userId: 1 }, { unique: true });
MembershipSchema.index({ userId: 1 });
MembershipSchema.index({ boardId: 1, role: 1 });
