import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, Types, type UpdateQuery } from 'mongoose';
import { keysetFilter, type SortSpec, sortDocument } from '@helpboard/core';
import { EscalationStep, EscalationTier, EscalationTrack } from './escalation.schema.js';

export const QUEUE_ORDER: SortSpec = [
  ['escalatedAt', 1],
  ['_id', 1],
];

@Injectable()
export class EscalationRepository {
  constructor(
    @InjectModel(EscalationTrack.name) private readonly tracks: Model<EscalationTrack>,
    @InjectModel(EscalationStep.name) private readonly steps: Model<EscalationStep>,
  ) {}

  /** Starts tracking a question (again: a redelivered event changes nothing). */
  async track(track: Omit<EscalationTrack, '_id' | 'takenBy' | 'takenAt'>): Promise<void> {
    const { threadId, ...rest } = track;
    await this.tracks
      .updateOne({ threadId }, { $setOnInsert: { ...rest, takenBy: null, takenAt: null } }, { upsert: true })
      .exec();
  }

  findTrack(threadId: Types.ObjectId, session?: ClientSession): Promise<EscalationTrack | null> {
    return this.tracks
      .findOne({ threadId })
      .session(session ?? null)
      .lean<EscalationTrack>()
      .exec();
  }

  findTracks(threadIds: readonly Types.ObjectId[]): Promise<EscalationTrack[]> {
    return this.tracks
      .find({ threadId: { $in: threadIds } })
      .lean<EscalationTrack[]>()
      .exec();
  }

  async updateTrack(
    threadId: Types.ObjectId,
    update: UpdateQuery<EscalationTrack>,
    session?: ClientSession,
  ): Promise<EscalationTrack | null> {
    return this.tracks
      .findOneAndUpdate({ threadId }, update, { returnDocument: 'after', session })
      .lean<EscalationTrack>()
      .exec();
  }

  /** Takes an unsettled question off the ladder, unless staff handle it as a case (one write). */
  /** Takes an unsettled question for `userId` if nobody else holds it; null when someone does. */
  take(threadId: Types.ObjectId, userId: Types.ObjectId, at: Date): Promise<EscalationTrack | null> {
    return this.tracks
      .findOneAndUpdate(
        { threadId, settledAt: null, $or: [{ takenBy: null }, { takenBy: userId }] },
        { $set: { takenBy: userId, takenAt: at } },
        { returnDocument: 'after' },
      )
      .lean<EscalationTrack>()
      .exec();
  }

  async settle(threadId: Types.ObjectId, at: Date): Promise<void> {
    await this.tracks
      .updateOne({ threadId, settledAt: null, tier: { $ne: EscalationTier.CASE } }, { $set: { settledAt: at } })
      .exec();
  }

  /** Moves a question up to `tier` if it is still at one of `from`; null when it was not. */
  advance(
    threadId: Types.ObjectId,
    from: EscalationTier[],
    tier: EscalationTier,
    now: Date,
    session: ClientSession,
  ): Promise<EscalationTrack | null> {
    // A case is staff's own decision and reopens the question even if it was settled.
    const settle = tier === EscalationTier.CASE ? { settledAt: null } : {};
    // From the staff tier on there is no rung left for the job; below it, the job sets the next.
    const next = tier === EscalationTier.EXPERTS ? {} : { nextStepAt: null };
    return this.tracks
      .findOneAndUpdate(
        { threadId, tier: { $in: from } },
        { $set: { tier, escalatedAt: now, ...settle, ...next } },
        { returnDocument: 'after', session },
      )
      .lean<EscalationTrack>()
      .exec();
  }

  /** Unsettled questions whose next rung is due by `now`, earliest first. */
  due(now: Date, limit: number): Promise<EscalationTrack[]> {
    return this.tracks
      .find({ settledAt: null, nextStepAt: { $lte: now } })
      .sort({ nextStepAt: 1, _id: 1 })
      .limit(limit)
      .lean<EscalationTrack[]>()
      .exec();
  }

  queue(boardId: Types.ObjectId, tier: EscalationTier, limit: number, after?: readonly unknown[]) {
    const conditions: Record<string, unknown>[] = [{ boardId, tier, settledAt: null }];
    if (after) conditions.push(keysetFilter(QUEUE_ORDER, after));
    return this.tracks
      .find({ $and: conditions })
      .sort(sortDocument(QUEUE_ORDER))
      .limit(limit)
      .lean<EscalationTrack[]>()
      .exec();
  }

  /** Records a step; false when it was already recorded (the unique key). */
  async recordStep(step: Omit<EscalationStep, '_id'>, session: ClientSession): Promise<boolean> {
    const { threadId, step: name, ...rest } = step;
    const result = await this.steps
      .updateOne({ threadId, step: name }, { $setOnInsert: rest }, { upsert: true, session })
      .exec();
    return result.upsertedCount === 1;
  }

  stepsOf(threadIds: readonly Types.ObjectId[]): Promise<EscalationStep[]> {
    return this.steps
      .find({ threadId: { $in: threadIds } })
      .sort({ at: 1, _id: 1 })
      .lean<EscalationStep[]>()
      .exec();
  }
}
