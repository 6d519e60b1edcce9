// A question staff took private: the public thread shows it is handled by staff, and only the
// asker, the board's staff and its moderators see the case itself.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum SupportCaseState {
  OPEN = 'OPEN',
  WAITING_ON_CUSTOMER = 'WAITING_ON_CUSTOMER',
  SOLVED = 'SOLVED',
}

@Schema({ collection: 'support_cases', versionKey: false })
export class SupportCaseRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  askerId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(SupportCaseState), default: SupportCaseState.OPEN })
  state!: SupportCaseState;

  /** Why staff took it private (seen by the asker too). */
  @Prop({ required: true })
  reason!: string;

  @Prop({ type: Types.ObjectId, required: true })
  openedBy!: Types.ObjectId;

  @Prop({ required: true })
  openedAt!: Date;

  @Prop({ required: true })
  updatedAt!: Date;

  @Prop({ type: Date, default: null })
  solvedAt!: Date | null;
}

export const SupportCaseSchema = SchemaFactory.createForClass(SupportCaseRecord);
SupportCaseSchema.index({ threadId: 1 }, { unique: true });
SupportCaseSchema.index({ boardId: 1, state: 1, openedAt: 1 });
