import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** Tags in use on a board, with how many visible questions carry each. */
@Schema({ collection: 'board_tags', versionKey: false })
export class TagRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: Number, default: 0 })
  questionCount!: number;

  /** What the tag is for, written by the board's moderators (plain text, shown on its page and the index). */
  @Prop({ type: String, default: '' })
  description?: string;

  @Prop({ type: Date, default: null })
  describedAt?: Date | null;
}

export const TagSchema = SchemaFactory.createForClass(TagRecord);
TagSchema.index({ boardId: 1, name: 1 }, { unique: true });
TagSchema.index({ boardId: 1, questionCount: -1 });
