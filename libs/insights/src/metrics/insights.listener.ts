// Feeds the buckets and the post scores from other libs' facts (and this lib's own).
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '@helpboard/core';
import {
  AnswerAccepted,
  AnswerPosted,
  CommentAdded,
  OfficialAnswerMarked,
  QuestionAsked,
  ThreadStateService,
} from '@helpboard/threads';
import { SupportCaseSolved } from '../case/support-case-solved.event.js';
import { QuestionEscalated } from '../escalation/question-escalated.event.js';
import { PostSignalService } from '../signals/post-signal.service.js';
import { InsightsRecorder } from './insights-recorder.js';
import { Metric } from './metrics.js';

@Injectable()
export class InsightsListener implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly recorder: InsightsRecorder,
    private readonly signals: PostSignalService,
    private readonly threads: ThreadStateService,
  ) {}

  onModuleInit(): void {
    this.bus.on(QuestionAsked, async (event) => {
      await this.recorder.questionAsked(await this.threads.requireThread(event.threadId));
      await this.signals.questionAsked(event.threadId, event.occurredAt);
    });
    this.bus.on(AnswerPosted, async (event) => {
      await this.recorder.answerPosted(event.threadId, event.actorId, event.occurredAt);
      await this.signals.answerPosted(event.threadId, event.answerId, event.occurredAt);
    });
    this.bus.on(CommentAdded, async (event) => {
      await this.recorder.countOnBoard(event.boardId, event.occurredAt, { [Metric.COMMENTS]: 1 });
      await this.signals.commentAdded(event.threadId, event.commentId, event.occurredAt);
    });
    this.bus.on(AnswerAccepted, (event) =>
      this.recorder.answerChosen(event.threadId, event.answerAuthorId, event.occurredAt, 'ACCEPTED'),
    );
    this.bus.on(OfficialAnswerMarked, (event) =>
      this.recorder.answerChosen(event.threadId, event.answerAuthorId, event.occurredAt, 'OFFICIAL'),
    );
    this.bus.on(QuestionEscalated, (event) =>
      this.recorder.escalated(event.boardId, event.tier, event.reason, event.occurredAt),
    );
    this.bus.on(SupportCaseSolved, (event) => this.recorder.caseSolved(event.threadId, event.occurredAt));
  }
}
