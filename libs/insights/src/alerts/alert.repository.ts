import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import { keysetFilter, type SortSpec, sortDocument } from '@helpboard/core';
import { AlertRecord, type AlertThread } from './alert.schema.js';

export const ALERT_ORDER: SortSpec = [
  ['raisedAt', -1],
  ['_id', -1],
];

const isDuplicateKey = (error: unknown) => (error as { code?: number })?.code === 11000;

@Injectable()
export class AlertRepository {
  constructor(@InjectModel(AlertRecord.name) private readonly alerts: Model<AlertRecord>) {}

  /** The latest alert about a subject on a board since `since` (an episode still running). */
  latest(boardId: Types.ObjectId, subject: string, since: Date): Promise<AlertRecord | null> {
    return this.alerts
      .findOne({ boardId, subject, hourStart: { $gte: since } })
      .sort({ hourStart: -1 })
      .lean<AlertRecord>()
      .exec();
  }

  /** Inserts; false when the same alert exists already (another run raised it). */
  async insertOnce(alert: AlertRecord): Promise<boolean> {
    try {
      await this.alerts.create(alert);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Adds evidence to an open episode. */
  async addEvidence(
    id: Types.ObjectId,
    change: { signals: string[]; observed: number; threads: AlertThread[]; at: Date },
  ): Promise<void> {
    await this.alerts
      .updateOne(
        { _id: id },
        {
          $addToSet: { signals: { $each: change.signals } },
          $max: { observed: change.observed },
          $set: { updatedAt: change.at },
        },
      )
      .exec();
    // $addToSet on subdocuments compares whole documents: add only threads not there yet.
    const current = await this.alerts.findById(id).lean<AlertRecord>().exec();
    const known = new Set(current?.threads.map((thread) => thread.threadId.toHexString()));
    const added = change.threads.filter((thread) => !known.has(thread.threadId.toHexString()));
    if (added.length > 0) {
      await this.alerts.updateOne({ _id: id }, { $push: { threads: { $each: added, $slice: 20 } } }).exec();
    }
  }

  findById(id: Types.ObjectId): Promise<AlertRecord | null> {
    return this.alerts.findById(id).lean<AlertRecord>().exec();
  }

  list(
    filter: { boardId?: Types.ObjectId; operatorId?: Types.ObjectId; isAcknowledged?: boolean | null },
    limit: number,
    after?: readonly unknown[],
  ): Promise<AlertRecord[]> {
    const conditions: Record<string, unknown>[] = [
      filter.boardId ? { boardId: filter.boardId } : { operatorId: filter.operatorId },
    ];
    if (typeof filter.isAcknowledged === 'boolean') {
      conditions.push({ acknowledgedAt: filter.isAcknowledged ? { $ne: null } : null });
    }
    if (after) conditions.push(keysetFilter(ALERT_ORDER, after));
    return this.alerts
      .find({ $and: conditions })
      .sort(sortDocument(ALERT_ORDER))
      .limit(limit)
      .lean<AlertRecord[]>()
      .exec();
  }

  acknowledge(id: Types.ObjectId, by: Types.ObjectId, note: string | null, at: Date): Promise<AlertRecord | null> {
    return this.alerts
      .findOneAndUpdate(
        { _id: id, acknowledgedAt: null },
        { $set: { acknowledgedAt: at, acknowledgedBy: by, note } },
        { returnDocument: 'after' },
      )
      .lean<AlertRecord>()
      .exec();
  }
}
