import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

@Schema({ collection: 'operators', versionKey: false })
export class OperatorRecord {
  _id!: Types.ObjectId;

  @Prop({ required: true })
  slug!: string;

  @Prop({ required: true })
  name!: string;

  /** Operator admins: they create boards and manage roles on all of the operator's boards. */
  @Prop({ type: [Types.ObjectId], default: [] })
  adminIds!: Types.ObjectId[];

  @Prop({ required: true })
  createdAt!: Date;
}

export const OperatorSchema = SchemaFactory.createForClass(OperatorRecord);
OperatorSchema.index({ slug: 1 }, { unique: true });
OperatorSchema.index({ adminIds: 1 });
