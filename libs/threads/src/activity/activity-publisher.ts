// Turns committed thread events into live updates for GraphQL subscribers.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { PubSubEngine } from 'graphql-subscriptions';
import { DomainEventBus } from '@helpboard/core';
import {
  AnswerAccepted,
  AnswerPosted,
  AnswerUnaccepted,
  CommentAdded,
  OfficialAnswerMarked,
  OfficialAnswerUnmarked,
  PostEdited,
  QuestionAsked,
  VoteChanged,
} from '../events/thread-events.js';
import { BoardActivity, BoardActivityKind, ThreadActivity, ThreadActivityKind } from './activity.model.js';

export const threadTopic = (threadId: string) => `thread-activity:${threadId}`;
export const boardTopic = (boardId: string) => `board-activity:${boardId}`;

@Injectable()
export class ActivityPublisher implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly pubSub: PubSubEngine,
  ) {}

  onModuleInit(): void {
    const thread =
      (kind: ThreadActivityKind, postIdOf: (e: never) => string | null, scoreOf?: (e: never) => number) =>
      (event: { threadId: string; occurredAt: Date }) => {
        const activity: ThreadActivity = {
          kind,
          threadId: event.threadId,
          postId: postIdOf(event as never),
          score: scoreOf ? scoreOf(event as never) : null,
          occurredAt: event.occurredAt,
        };
        return this.pubSub.publish(threadTopic(event.threadId), { threadActivity: activity });
      };
    this.bus.on(
      AnswerPosted,
      thread(ThreadActivityKind.AnswerPosted, (e: AnswerPosted) => e.answerId),
    );
    this.bus.on(
      CommentAdded,
      thread(ThreadActivityKind.CommentAdded, (e: CommentAdded) => e.postId),
    );
    this.bus.on(
      PostEdited,
      thread(ThreadActivityKind.PostEdited, (e: PostEdited) => e.postId),
    );
    this.bus.on(
      VoteChanged,
      thread(
        ThreadActivityKind.VoteChanged,
        (e: VoteChanged) => e.postId,
        (e: VoteChanged) => e.score,
      ),
    );
    this.bus.on(
      AnswerAccepted,
      thread(ThreadActivityKind.AnswerAccepted, (e: AnswerAccepted) => e.answerId),
    );
    this.bus.on(
      AnswerUnaccepted,
      thread(ThreadActivityKind.AnswerUnaccepted, (e: AnswerUnaccepted) => e.answerId),
    );
    this.bus.on(
      OfficialAnswerMarked,
      thread(ThreadActivityKind.OfficialAnswerMarked, (e: OfficialAnswerMarked) => e.answerId),
    );
    this.bus.on(
      OfficialAnswerUnmarked,
      thread(ThreadActivityKind.OfficialAnswerUnmarked, (e: OfficialAnswerUnmarked) => e.answerId),
    );
    this.bus.on(QuestionAsked, (event) => {
      const activity: BoardActivity = {
        kind: BoardActivityKind.QuestionAsked,
        threadId: event.threadId,
        occurredAt: event.occurredAt,
      };
      return this.pubSub.publish(boardTopic(event.boardId), { boardActivity: activity });
    });
  }
}
