// Credits a thread's answerers with what makes them influential, on the thread's operator.
import { Injectable } from '@nestjs/common';
import { type ClientSession, Types } from 'mongoose';
import { InsightsRecorder } from '../metrics/insights-recorder.js';
import { InfluenceStatRepository } from './influence-stat.repository.js';
import { influencePeriodsOf } from './influence.service.js';

@Injectable()
export class InfluenceCredit {
  constructor(
    private readonly stats: InfluenceStatRepository,
    private readonly recorder: InsightsRecorder,
  ) {}

  async credit(
    threadId: string,
    userIds: string[],
    at: Date,
    inc: Parameters<InfluenceStatRepository['add']>[3],
    session?: ClientSession,
  ): Promise<void> {
    const thread = await this.recorder.threadOf(threadId, session);
    if (!thread || userIds.length === 0) return;
    await this.stats.add(
      thread.operatorId,
      influencePeriodsOf(at),
      userIds.map((id) => new Types.ObjectId(id)),
      inc,
      session,
    );
  }
}
