import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

@Schema({ collection: 'referral_links', versionKey: false })
export class LinkRecord {
  _id!: Types.ObjectId;

  @Prop({ required: true })
  code!: string;

  @Prop({ type: Types.ObjectId, required: true })
  campaignId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  partnerId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  /** The answer (or question) the link was made for, if any: clicks and earnings are credited to it. */
  @Prop({ type: Types.ObjectId, default: null })
  postId!: Types.ObjectId | null;

  @Prop({ type: Date, default: null })
  disabledAt!: Date | null;

  @Prop({ required: true })
  createdAt!: Date;
}

export const LinkSchema = SchemaFactory.createForClass(LinkRecord);
LinkSchema.index({ code: 1 }, { unique: true });
LinkSchema.index({ ownerId: 1, _id: -1 });
// One link per rep, campaign and post: rewriting a post twice reuses it.
LinkSchema.index(
  { ownerId: 1, campaignId: 1, postId: 1 },
  { unique: true, partialFilterExpression: { postId: { $type: 'objectId' } } },
);

/** A referral link found in a post's current body (kept in step with every edit). */
@Schema({ collection: 'referral_post_links', versionKey: false })
export class PostLinkRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  postId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  linkId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  campaignId!: Types.ObjectId;
}

export const PostLinkSchema = SchemaFactory.createForClass(PostLinkRecord);
PostLinkSchema.index({ postId: 1, linkId: 1 }, { unique: true });
