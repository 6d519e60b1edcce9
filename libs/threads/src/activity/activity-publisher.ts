// Turns committed thread events into live updates for GraphQL subscribers.
import { Injectable, type OnModuleInit } from '@nestjs/common';
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
      thread(ThreadActivityKind.ANSWER_POSTED, (e: AnswerPosted) => e.answerId),
    );
    this.bus.on(
      CommentAdded,
      thread(ThreadActivityKind.COMMENT_ADDED, (e: CommentAdded) => e.postId),
    );
    this.bus.on(
      PostEdited,
      thread(ThreadActivityKind.POST_EDITED, (e: PostEdited) => e.postId),
    );
    this.bus.on(
      VoteChanged,
      thread(
        ThreadActivityKind.VOTE_CHANGED,
        (e: VoteChanged) => e.postId,
        (e: VoteChanged) => e.score,
      ),
    );
    this.bus.on(
      AnswerAccepted,
      thread(ThreadActivityKind.ANSWER_ACCEPTED, (e: AnswerAccepted) => e.answerId),
    );
    this.bus.on(
      AnswerUnaccepted,
      thread(ThreadActivityKind.ANSWER_UNACCEPTED, (e: AnswerUnaccepted) => e.answerId),
    );
    this.bus.on(
      OfficialAnswerMarked,
      thread(ThreadActivityKind.OFFICIAL_ANSWER_MARKED, (e: OfficialAnswerMarked) => e.answerId),
    );
    this.bus.on(
      OfficialAnswerUnmarked,
      thread(ThreadActivityKind.OFFICIAL_ANSWER_UNMARKED, (e: OfficialAnswerUnmarked) => e.answerId),
    );
    this.bus.on(QuestionAsked, (event) => {
      const activity: BoardActivity = {
        kind: BoardActivityKind.QUESTION_ASKED,
        threadId: event.threadId,
        occurredAt: event.occurredAt,
      };
      return this.pubSub.publish(boardTopic(event.boardId), { boardActivity: activity });
    });
  }
}
