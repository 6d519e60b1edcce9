import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model } from 'mongoose';
import { ImportRunRecord } from './import-run.schema.js';

@Injectable()
export class ImportRunRepository {
  constructor(@InjectModel(ImportRunRecord.name) private readonly runs: Model<ImportRunRecord>) {}

  /** The unfinished run to resume, or a new one (a finished run is read again from the start). */
  async begin(key: string, now: Date): Promise<ImportRunRecord> {
    const current = await this.runs.findById(key).lean<ImportRunRecord>().exec();
    if (current && !current.completedAt) return current;
    const fresh = { _id: key, phases: {}, startedAt: now, completedAt: null };
    await this.runs.replaceOne({ _id: key }, fresh, { upsert: true });
    return fresh;
  }

  async saveLine(key: string, phase: string, line: number, done: boolean, session?: ClientSession): Promise<void> {
    await this.runs.updateOne({ _id: key }, { $set: { [`phases.${phase}`]: { line, done } } }, { session });
  }

  async complete(key: string, now: Date): Promise<void> {
    await this.runs.updateOne({ _id: key }, { $set: { completedAt: now } });
  }
}
