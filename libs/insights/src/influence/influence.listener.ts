// Counts what makes answerers influential, per operator and period: views and follows here, as
// they are counted; answers and accepted answers through the insights facts job (insights-facts.ts).
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '@helpboard/core';
import { ThreadFollowed } from '@helpboard/notifications';
import { ThreadViewsCounted } from '@helpboard/threads';
import { InsightsRecorder } from '../metrics/insights-recorder.js';
import { InfluenceCredit } from './influence-credit.js';

@Injectable()
export class InfluenceListener implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly influence: InfluenceCredit,
    private readonly recorder: InsightsRecorder,
  ) {}

  onModuleInit(): void {
    this.bus.on(ThreadViewsCounted, async (event) => {
      const views = await this.recorder.newViews(event.threadId, event.viewCount);
      if (!views || views.added <= 0) return;
      const answerers = views.thread.answererIds.map((id) => id.toHexString());
      await this.influence.credit(event.threadId, answerers, event.occurredAt, { answerViews: views.added });
    });
    this.bus.on(ThreadFollowed, async (event) => {
      const thread = await this.recorder.threadOf(event.threadId);
      const answerers = (thread?.answererIds ?? []).map((id) => id.toHexString()).filter((id) => id !== event.userId);
      await this.influence.credit(event.threadId, answerers, event.occurredAt, { followers: 1 });
    });
  }
}
