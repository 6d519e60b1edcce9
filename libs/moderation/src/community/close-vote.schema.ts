// Votes by trusted users (the close-votes privilege, 3,000 by default) to close or reopen a
// question; the deciding vote acts, and the votes of that round are then cleared.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum CommunityVoteKind {
  CLOSE = 'CLOSE',
  REOPEN = 'REOPEN',
}

/** SE: three votes close or reopen a question (five before 2021). */
export const COMMUNITY_VOTES_NEEDED = 3;

@Schema({ collection: 'close_votes', versionKey: false })
export class CloseVoteRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  voterId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(CommunityVoteKind), required: true })
  kind!: CommunityVoteKind;

  /** For close votes: the close reason chosen (a CloseReason), and the original for duplicates. */
  @Prop({ type: String, default: null })
  reason!: string | null;

  @Prop({ type: Types.ObjectId, default: null })
  duplicateOfId!: Types.ObjectId | null;

  @Prop({ required: true })
  at!: Date;
}

export const CloseVoteSchema = SchemaFactory.createForClass(CloseVoteRecord);
CloseVoteSchema.index({ threadId: 1, kind: 1, voterId: 1 }, { unique: true });
