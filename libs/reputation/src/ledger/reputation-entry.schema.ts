// The append-only reputation ledger: every change of anyone's reputation is one entry, and a
// reversal is a new entry with the opposite delta. Totals are projections of this collection.
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum ReputationKind {
  QUESTION_UPVOTED = 'QUESTION_UPVOTED',
  ANSWER_UPVOTED = 'ANSWER_UPVOTED',
  POST_DOWNVOTED = 'POST_DOWNVOTED',
  DOWNVOTED_ANSWER = 'DOWNVOTED_ANSWER',
  ANSWER_ACCEPTED = 'ANSWER_ACCEPTED',
  ACCEPTED_AN_ANSWER = 'ACCEPTED_AN_ANSWER',
  OFFICIAL_ANSWER = 'OFFICIAL_ANSWER',
  BOUNTY_OFFERED = 'BOUNTY_OFFERED',
  BOUNTY_AWARDED = 'BOUNTY_AWARDED',
  REVERSAL = 'REVERSAL',
}

/** Kinds that count toward the daily cap on reputation from votes. */
export const VOTE_KINDS: ReadonlySet<ReputationKind> = new Set([
  ReputationKind.QUESTION_UPVOTED,
  ReputationKind.ANSWER_UPVOTED,
  ReputationKind.POST_DOWNVOTED,
]);

// Shard key (docs/sharding.md): a user's history and verify runs stay on one shard.
@Schema({ collection: 'reputation_ledger', versionKey: false, shardKey: { userId: 1 } })
export class ReputationEntry {
  _id!: Types.ObjectId;

  /** Shard key of the ledger. */
  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  boardId!: Types.ObjectId;

  /** The board's operator: privileges count the reputation earned on one operator's boards. */
  @Prop({ type: Types.ObjectId, required: true })
  operatorId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(ReputationKind), required: true })
  kind!: ReputationKind;

  /** What was actually applied (after the daily cap and the floor of 1), so reversals are exact. */
  @Prop({ required: true })
  delta!: number;

  /** What the rule asked for, before the cap and floor. */
  @Prop({ required: true })
  requested!: number;

  /** The cause, e.g. `vote:<postId>:<voterId>`; reversals carry the same source. */
  @Prop({ required: true })
  source!: string;

  @Prop({ type: Types.ObjectId, default: null })
  postId!: Types.ObjectId | null;

  /** Who caused it (the voter, the asker, the staff member). */
  @Prop({ type: Types.ObjectId, required: true })
  actorId!: Types.ObjectId;

  /** Why a reversal or restoration happened beyond its source, e.g. `hide:<postId>`. */
  @Prop({ type: String, default: null })
  cause!: string | null;

  /** UTC day (YYYY-MM-DD), for the daily cap. */
  @Prop({ required: true })
  day!: string;

  @Prop({ required: true })
  at!: Date;
}

export const ReputationEntrySchema = SchemaFactory.createForClass(ReputationEntry);
ReputationEntrySchema.index({ userId: 1, at: -1 });
ReputationEntrySchema.index({ userId: 1, day: 1, kind: 1 });
// Bulk rebuilds (imports) ask for many users' gains on a few days: the day narrows those best.
ReputationEntrySchema.index({ day: 1, userId: 1 });
ReputationEntrySchema.index({ source: 1, userId: 1 });
ReputationEntrySchema.index({ boardId: 1, at: -1 });
ReputationEntrySchema.index({ postId: 1 });

/** Which total: overall (both null), on one operator's boards (board null), or on one board. */
export interface TotalScope {
  operatorId: Types.ObjectId | null;
  boardId: Types.ObjectId | null;
}

export const OVERALL: TotalScope = { operatorId: null, boardId: null };

/** Projection: a user's total in one scope. */
// Shard key (docs/sharding.md): a board's totals (its all-time leaderboard) live together; a
// user's overall and per-operator totals are the rows whose boardId is null.
@Schema({ collection: 'reputation_totals', versionKey: false, shardKey: { boardId: 1, userId: 1 } })
export class ReputationTotal {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, default: null })
  operatorId!: Types.ObjectId | null;

  @Prop({ type: Types.ObjectId, default: null })
  boardId!: Types.ObjectId | null;

  @Prop({ required: true })
  total!: number;
}

export const ReputationTotalSchema = SchemaFactory.createForClass(ReputationTotal);
// The same fields as (user, operator, board), led by the shard key: a sharded unique index must be.
ReputationTotalSchema.index({ boardId: 1, userId: 1, operatorId: 1 }, { unique: true });
ReputationTotalSchema.index({ boardId: 1, total: -1 });

/**
 * Projection for leaderboards: what a user gained on a board in one calendar week, month or
 * year (UTC). `key` is `<boardId>|<period>` so a leaderboard is one indexed lookup of that
 * period's rows, however long the ledger grows.
 */
// Shard key (docs/sharding.md): a leaderboard is one key (<boardId>|<period>), read from one shard.
@Schema({ collection: 'reputation_periods', versionKey: false, shardKey: { key: 1, userId: 1 } })
export class ReputationPeriodTotal {
  _id!: Types.ObjectId;

  @Prop({ required: true })
  key!: string;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ required: true })
  total!: number;
}

export const ReputationPeriodTotalSchema = SchemaFactory.createForClass(ReputationPeriodTotal);
ReputationPeriodTotalSchema.index({ key: 1, userId: 1 }, { unique: true });
ReputationPeriodTotalSchema.index({ key: 1, total: -1 });
