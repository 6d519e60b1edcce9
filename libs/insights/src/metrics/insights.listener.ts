// Feeds the buckets from this lib's own facts. Facts of users' posts come through the
// after-commit job in insights-facts.ts instead.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '@helpboard/core';
import { SupportCaseSolved } from '../case/support-case-solved.event.js';
import { QuestionEscalated } from '../escalation/question-escalated.event.js';
import { InsightsRecorder } from './insights-recorder.js';

@Injectable()
export class InsightsListener implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly recorder: InsightsRecorder,
  ) {}

  onModuleInit(): void {
    this.bus.on(QuestionEscalated, (event) =>
      this.recorder.escalated(event.boardId, event.tier, event.reason, event.occurredAt),
    );
    this.bus.on(SupportCaseSolved, (event) => this.recorder.caseSolved(event.threadId, event.occurredAt));
  }
}
