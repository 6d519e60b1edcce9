// One pass through the ask flow: the "you may be asking" suggestions shown for a draft, which of
// them the user opened, and whether they asked anyway. No question within the window after the
// suggestions were shown counts as deflected: the board answered it before it was asked.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

@Schema({ collection: 'ask_sessions', versionKey: false })
export class AskSessionRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  /** The draft title the suggestions were for. */
  @Prop({ required: true })
  title!: string;

  @Prop({ type: [Types.ObjectId], default: [] })
  shownThreadIds!: Types.ObjectId[];

  @Prop({ required: true })
  shownAt!: Date;

  @Prop({ type: [Types.ObjectId], default: [] })
  openedThreadIds!: Types.ObjectId[];

  @Prop({ type: Types.ObjectId, default: null })
  askedThreadId!: Types.ObjectId | null;

  @Prop({ type: Date, default: null })
  askedAt!: Date | null;
}

export const AskSessionSchema = SchemaFactory.createForClass(AskSessionRecord);
AskSessionSchema.index({ userId: 1, boardId: 1, shownAt: -1 });
AskSessionSchema.index({ boardId: 1, shownAt: 1 });
