// Every grant, change and revocation of a team role (board expert, staff, moderator, owner) and
// of operator administration: who gave whom what, when. Written in the transaction of the change
// itself, so no role moves without its entry; operator admins read it across their boards.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** The roles this log follows (MEMBER is not a grant: people join and leave by themselves). */
export enum RoleKind {
  EXPERT = 'EXPERT',
  STAFF = 'STAFF',
  MODERATOR = 'MODERATOR',
  OWNER = 'OWNER',
  OPERATOR_ADMIN = 'OPERATOR_ADMIN',
}

@Schema({ collection: 'role_audit', versionKey: false })
export class RoleChangeRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  /** The board of a board role; null for operator administration. */
  @Prop({ type: Types.ObjectId, default: null })
  boardId!: Types.ObjectId | null;

  /** Whose role changed. */
  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  actorId!: Types.ObjectId;

  /** The role held before (null: none) and after (null: revoked). */
  @Prop({ type: String, enum: Object.values(RoleKind), default: null })
  previousRole!: RoleKind | null;

  @Prop({ type: String, enum: Object.values(RoleKind), default: null })
  role!: RoleKind | null;

  /** Both roles concerned, for the "kind" filter (a staff member made moderator is both). */
  @Prop({ type: [String], default: [] })
  kinds!: RoleKind[];

  @Prop({ required: true })
  at!: Date;
}

export const RoleChangeSchema = SchemaFactory.createForClass(RoleChangeRecord);
// Newest first within an operator, by each filter the audit page offers.
RoleChangeSchema.index({ operatorId: 1, _id: -1 });
RoleChangeSchema.index({ operatorId: 1, boardId: 1, _id: -1 });
RoleChangeSchema.index({ operatorId: 1, kinds: 1, _id: -1 });
RoleChangeSchema.index({ operatorId: 1, actorId: 1, _id: -1 });
