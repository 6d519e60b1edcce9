// The insights that users' posts feed (board, operator and tag buckets, post scores, answerers'
// influence) are applied after the post commits, by an after-commit job: every post on a board
// would otherwise write the same hour and day buckets inside its own transaction, and concurrent
// posters would conflict there. The post's transaction only writes the job's outbox message; the
// job applies each fact once (see libs/database/src/after-commit/after-commit-jobs.ts). Jobs may
// run in any order (two instances, retries), so the question's own record, which its answers'
// and its resolution's jobs read, is written in the question's transaction: a new row, not shared.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientSession } from 'mongoose';
import type { DomainEvent, DomainEventClass } from '@helpboard/core';
import { AfterCommitJobs, InTransactionHandlers } from '@helpboard/database';
import {
  AnswerAccepted,
  AnswerPosted,
  CommentAdded,
  OfficialAnswerMarked,
  QuestionAsked,
  ThreadStateService,
} from '@helpboard/threads';
import { InfluenceCredit } from '../influence/influence-credit.js';
import { PostSignalService } from '../signals/post-signal.service.js';
import { InsightsRecorder } from './insights-recorder.js';
import { Metric } from './metrics.js';

export const INSIGHTS_FACT_TOPIC = 'insights.fact';

/** A fact as it crosses the outbox and the job queue (JSON: the time as an ISO string). */
type Fact = { threadId: string; actorId: string; at: string } & (
  | { kind: 'QuestionAsked' }
  | { kind: 'AnswerPosted'; answerId: string }
  | { kind: 'CommentAdded'; boardId: string; commentId: string }
  | { kind: 'AnswerAccepted' | 'OfficialAnswerMarked'; answerAuthorId: string }
);

@Injectable()
export class InsightsFacts implements OnModuleInit {
  constructor(
    private readonly inTransaction: InTransactionHandlers,
    private readonly jobs: AfterCommitJobs,
    private readonly recorder: InsightsRecorder,
    private readonly signals: PostSignalService,
    private readonly influence: InfluenceCredit,
    private readonly threads: ThreadStateService,
  ) {}

  onModuleInit(): void {
    this.jobs.define<Fact>(INSIGHTS_FACT_TOPIC, (fact, tx) => this.apply(fact, tx.session));
    const base = (event: { threadId: string; actorId: string; occurredAt: Date }) => ({
      threadId: event.threadId,
      actorId: event.actorId,
      at: event.occurredAt.toISOString(),
    });
    this.inTransaction.on(QuestionAsked, async (event, tx) =>
      this.recorder.trackQuestion(await this.threads.requireThread(event.threadId, tx.session), tx.session),
    );
    this.record(QuestionAsked, (event) => ({ ...base(event), kind: 'QuestionAsked' }));
    this.record(AnswerPosted, (event) => ({ ...base(event), kind: 'AnswerPosted', answerId: event.answerId }));
    this.record(CommentAdded, (event) => ({
      ...base(event),
      kind: 'CommentAdded',
      boardId: event.boardId,
      commentId: event.commentId,
    }));
    this.record(AnswerAccepted, (event) => ({
      ...base(event),
      kind: 'AnswerAccepted',
      answerAuthorId: event.answerAuthorId,
    }));
    this.record(OfficialAnswerMarked, (event) => ({
      ...base(event),
      kind: 'OfficialAnswerMarked',
      answerAuthorId: event.answerAuthorId,
    }));
  }

  /** Writes the fact's job into the transaction that publishes the event. */
  private record<E extends DomainEvent>(eventClass: DomainEventClass<E>, toFact: (event: E) => Fact): void {
    this.inTransaction.on(eventClass, async (event, tx) => this.jobs.enqueue(tx, INSIGHTS_FACT_TOPIC, toFact(event)));
  }

  private async apply(fact: Fact, session: ClientSession): Promise<void> {
    const at = new Date(fact.at);
    switch (fact.kind) {
      case 'QuestionAsked':
        await this.recorder.questionAsked(await this.threads.requireThread(fact.threadId), session);
        await this.signals.questionAsked(fact.threadId, at, session);
        return;
      case 'AnswerPosted':
        await this.recorder.answerPosted(fact.threadId, fact.actorId, at, session);
        await this.signals.answerPosted(fact.threadId, fact.answerId, at, session);
        await this.influence.credit(fact.threadId, [fact.actorId], at, { answers: 1 }, session);
        return;
      case 'CommentAdded':
        await this.recorder.countOnBoard(fact.boardId, at, { [Metric.COMMENTS]: 1 }, [], session);
        await this.signals.commentAdded(fact.threadId, fact.commentId, at, session);
        return;
      case 'AnswerAccepted':
      case 'OfficialAnswerMarked':
        await this.recorder.answerChosen(
          fact.threadId,
          fact.answerAuthorId,
          at,
          fact.kind === 'AnswerAccepted' ? 'ACCEPTED' : 'OFFICIAL',
          session,
        );
        if (fact.kind === 'AnswerAccepted')
          await this.influence.credit(fact.threadId, [fact.answerAuthorId], at, { acceptedAnswers: 1 }, session);
        return;
    }
  }
}
