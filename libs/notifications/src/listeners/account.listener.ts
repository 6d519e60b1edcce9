// Notifications about a user's standing: badges earned and moderation outcomes.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Types } from 'mongoose';
import { DomainEventBus } from '@helpboard/core';
import { BoardService } from '@helpboard/boards';
import { ModerationAction, ModerationActionTaken } from '@helpboard/moderation';
import { BadgeEarned } from '@helpboard/reputation';
import { ThreadStateService } from '@helpboard/threads';
import { NotificationKind } from '../notification/notification-kind.js';
import { Notifier } from '../notification/notifier.js';

/** Outcomes an author or user is told about; pins are editorial and not about them. */
const NOTIFIED_ACTIONS = new Set<ModerationAction>([
  ModerationAction.CLOSE,
  ModerationAction.REOPEN,
  ModerationAction.LOCK,
  ModerationAction.UNLOCK,
  ModerationAction.MOVE,
  ModerationAction.MERGE,
  ModerationAction.HIDE,
  ModerationAction.RESTORE,
  ModerationAction.DELETE,
  ModerationAction.UNDELETE,
  ModerationAction.WARN,
  ModerationAction.SUSPEND,
  ModerationAction.UNSUSPEND,
]);

@Injectable()
export class AccountNotificationListener implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly notifier: Notifier,
    private readonly boards: BoardService,
    private readonly threads: ThreadStateService,
  ) {}

  onModuleInit(): void {
    this.bus.on(BadgeEarned, (event) => this.onBadgeEarned(event));
    this.bus.on(ModerationActionTaken, (event) => this.onModerated(event));
  }

  private async onBadgeEarned(event: BadgeEarned): Promise<void> {
    const board = await this.boards.requireById(new Types.ObjectId(event.boardId));
    await this.notifier.notify([event.userId], {
      kind: NotificationKind.BADGE_EARNED,
      key: `badge:${event.boardId}:${event.kind}:${event.tier}:${event.subject}`,
      boardId: event.boardId,
      postId: event.subject || null,
      params: { badge: event.kind, tier: event.tier, board: board.title },
      at: event.occurredAt,
    });
  }

  /**
   * The moderator stays anonymous to the person concerned (no actor is recorded), and acting on
   * your own post (deleting it) tells you nothing new.
   */
  private async onModerated(event: ModerationActionTaken): Promise<void> {
    if (!NOTIFIED_ACTIONS.has(event.action) || event.actorId === event.subjectUserId) return;
    const thread = event.threadId ? await this.threads.requireThread(event.threadId).catch(() => null) : null;
    await this.notifier.notify([event.subjectUserId], {
      kind: NotificationKind.MODERATION,
      key: `moderation:${event.auditEntryId}`,
      boardId: event.boardId,
      threadId: event.threadId,
      postId: event.targetType === 'post' ? event.targetId : null,
      params: {
        action: event.action,
        reason: event.reason,
        title: thread?.title ?? '',
        variant: event.targetType === 'user' ? 'ACCOUNT' : 'POST',
      },
      at: event.occurredAt,
    });
  }
}
