// Notifications about questions and answers: who hears of what when the threads lib reports it.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '@helpboard/core';
import { UsersService } from '@helpboard/identity';
import {
  AnswerAccepted,
  AnswerPosted,
  CommentAdded,
  OfficialAnswerMarked,
  PostKind,
  PostStatsService,
  QuestionAsked,
  ThreadStateService,
  UsersMentioned,
} from '@helpboard/threads';
import { FollowService } from '../follow/follow.service.js';
import { NotificationKind } from '../notification/notification-kind.js';
import { type NotificationFact, Notifier } from '../notification/notifier.js';

/** Where a thread event happened and who did it, as a notification records it. */
function where(event: { boardId: string; threadId: string; actorId: string; occurredAt: Date }) {
  return { boardId: event.boardId, threadId: event.threadId, actorId: event.actorId, at: event.occurredAt };
}

@Injectable()
export class ThreadNotificationListener implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly notifier: Notifier,
    private readonly follows: FollowService,
    private readonly threads: ThreadStateService,
    private readonly posts: PostStatsService,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.bus.on(QuestionAsked, (event) => this.onQuestionAsked(event));
    this.bus.on(AnswerPosted, (event) => this.onAnswerPosted(event));
    this.bus.on(CommentAdded, (event) => this.onCommentAdded(event));
    this.bus.on(AnswerAccepted, (event) =>
      this.notifyAnswerAuthor(event, NotificationKind.ANSWER_ACCEPTED, `accepted:${event.answerId}`),
    );
    this.bus.on(OfficialAnswerMarked, (event) =>
      this.notifyAnswerAuthor(event, NotificationKind.ANSWER_OFFICIAL, `official:${event.answerId}`),
    );
    this.bus.on(UsersMentioned, (event) => this.onMentioned(event));
  }

  private async onQuestionAsked(event: QuestionAsked): Promise<void> {
    await this.follows.followOwnThread(event.actorId, event.threadId, event.occurredAt);
    const thread = await this.threads.requireThread(event.threadId);
    const followers = await this.follows.followersOfQuestion(event.boardId, thread.tags);
    if (followers.length === 0) return;
    await this.notifyReaders(followers, {
      kind: NotificationKind.NEW_QUESTION,
      key: `question:${event.threadId}`,
      ...where(event),
      postId: event.threadId,
      params: { title: thread.title, actorHandle: await this.handleOf(event.actorId) },
    });
  }

  /** The asker hears "on your question"; other followers "on a question you follow". */
  private async onAnswerPosted(event: AnswerPosted): Promise<void> {
    const thread = await this.threads.requireThread(event.threadId);
    const askerId = thread.authorId.toHexString();
    const followers = await this.follows.followersOfThread(event.threadId);
    if (followers.length === 0) return;
    const fact = {
      kind: NotificationKind.NEW_ANSWER,
      key: `answer:${event.answerId}`,
      ...where(event),
      postId: event.answerId,
    };
    const params = { title: thread.title, actorHandle: await this.handleOf(event.actorId) };
    if (followers.includes(askerId))
      await this.notifyReaders([askerId], { ...fact, params: { ...params, variant: 'OWN' } });
    await this.notifyReaders(
      followers.filter((id) => id !== askerId),
      { ...fact, params },
    );
  }

  /** The commented post's author, and the asker when the comment is on someone's answer. */
  private async onCommentAdded(event: CommentAdded): Promise<void> {
    const [post, thread] = await Promise.all([
      this.posts.post(event.postId),
      this.threads.requireThread(event.threadId),
    ]);
    if (!post) return;
    const fact = {
      kind: NotificationKind.NEW_COMMENT,
      key: `comment:${event.commentId}`,
      ...where(event),
      postId: event.postId,
    };
    const params = { title: thread.title, actorHandle: await this.handleOf(event.actorId) };
    const variant = post.kind === PostKind.QUESTION ? 'ON_QUESTION' : 'ON_ANSWER';
    await this.notifyReaders([post.authorId.toHexString()], { ...fact, params: { ...params, variant } });
    await this.notifyReaders(post.authorId.equals(thread.authorId) ? [] : [thread.authorId.toHexString()], {
      ...fact,
      params: { ...params, variant: 'IN_THREAD' },
    });
  }

  private async notifyAnswerAuthor(
    event: AnswerAccepted | OfficialAnswerMarked,
    kind: NotificationKind,
    key: string,
  ): Promise<void> {
    const thread = await this.threads.requireThread(event.threadId);
    await this.notifyReaders([event.answerAuthorId], {
      kind,
      key,
      ...where(event),
      postId: event.answerId,
      params: { title: thread.title, actorHandle: await this.handleOf(event.actorId) },
    });
  }

  private async onMentioned(event: UsersMentioned): Promise<void> {
    const thread = await this.threads.requireThread(event.threadId);
    await this.notifyReaders(event.mentionedUserIds, {
      kind: NotificationKind.MENTION,
      key: `mention:${event.commentId ?? event.postId}`,
      ...where(event),
      postId: event.postId,
      params: { title: thread.title, actorHandle: await this.handleOf(event.actorId) },
    });
  }

  /** Only people who may read the board hear of its threads (the notifier checks every fact's board). */
  private async notifyReaders(recipientIds: string[], fact: NotificationFact & { boardId: string }): Promise<void> {
    if (recipientIds.length === 0) return;
    await this.notifier.notify(recipientIds, fact);
  }

  private async handleOf(userId: string): Promise<string> {
    return (await this.users.findById(userId))?.handle ?? '';
  }
}
