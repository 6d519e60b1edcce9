import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** One webhook secret, sealed (see crypto/secret-box); during a rotation two are valid. */
export class PartnerSecret {
  sealed!: string;
  createdAt!: Date;
  /** Null while current; set when rotated out, after which signatures with it fail. */
  retiresAt!: Date | null;
}

@Schema({ collection: 'referral_partners', versionKey: false })
export class PartnerRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: [{ sealed: String, createdAt: Date, retiresAt: Date, _id: false }], default: [] })
  secrets!: PartnerSecret[];

  @Prop({ type: Types.ObjectId, required: true })
  createdById!: Types.ObjectId;

  @Prop({ required: true })
  createdAt!: Date;
}

export const PartnerSchema = SchemaFactory.createForClass(PartnerRecord);
PartnerSchema.index({ operatorId: 1, name: 1 }, { unique: true });
