// Counts what makes answerers influential, per operator and period, as it happens.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Types } from 'mongoose';
import { DomainEventBus } from '@helpboard/core';
import { ThreadFollowed } from '@helpboard/notifications';
import { AnswerAccepted, AnswerPosted, ThreadViewsCounted } from '@helpboard/threads';
import { InsightsRecorder } from '../metrics/insights-recorder.js';
import { InfluenceStatRepository } from './influence-stat.repository.js';
import { influencePeriodsOf } from './influence.service.js';

@Injectable()
export class InfluenceListener implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly stats: InfluenceStatRepository,
    private readonly recorder: InsightsRecorder,
  ) {}

  onModuleInit(): void {
    this.bus.on(AnswerPosted, (event) =>
      this.credit(event.threadId, [event.actorId], event.occurredAt, { answers: 1 }),
    );
    this.bus.on(AnswerAccepted, (event) =>
      this.credit(event.threadId, [event.answerAuthorId], event.occurredAt, { acceptedAnswers: 1 }),
    );
    this.bus.on(ThreadViewsCounted, async (event) => {
      const views = await this.recorder.newViews(event.threadId, event.viewCount);
      if (!views || views.added <= 0) return;
      const answerers = views.thread.answererIds.map((id) => id.toHexString());
      await this.credit(event.threadId, answerers, event.occurredAt, { answerViews: views.added });
    });
    this.bus.on(ThreadFollowed, async (event) => {
      const thread = await this.recorder.threadOf(event.threadId);
      const answerers = (thread?.answererIds ?? []).map((id) => id.toHexString()).filter((id) => id !== event.userId);
      await this.credit(event.threadId, answerers, event.occurredAt, { followers: 1 });
    });
  }

  private async credit(
    threadId: string,
    userIds: string[],
    at: Date,
    inc: Parameters<InfluenceStatRepository['add']>[3],
  ) {
    const thread = await this.recorder.threadOf(threadId);
    if (!thread || userIds.length === 0) return;
    await this.stats.add(
      thread.operatorId,
      influencePeriodsOf(at),
      userIds.map((id) => new Types.ObjectId(id)),
      inc,
    );
  }
}
