// Reading and acknowledging your own notifications: nobody else's are reachable from here, and
// none about a board you can no longer read (removed from a private board: its titles stay private).
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, cursorValuesOf, decodeCursor, InvalidInputError } from '@helpboard/core';
import { BoardAccessService } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { NOTIFICATION_ORDER, NotificationRepository } from './notification.repository.js';
import type { NotificationRecord } from './notification.schema.js';

@Injectable()
export class NotificationService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
    private readonly access: BoardAccessService,
    private readonly users: UsersService,
  ) {}

  private async hiddenBoards(actor: Actor): Promise<Types.ObjectId[]> {
    const boardIds = await this.notifications.boardIdsOf(new Types.ObjectId(actor.userId));
    const readable = await this.access.readableBoardIds(actor, boardIds);
    return boardIds.filter((id) => !readable.has(id.toHexString()));
  }

  /** Newest first; `only` keeps the unread or the read ones (the site lists unread ones first). */
  async list(actor: Actor, query: { only: 'unread' | 'read' | null; limit: number; after?: string | null }) {
    const rows = await this.notifications.list(
      new Types.ObjectId(actor.userId),
      query.only,
      query.limit,
      query.after ? decodeCursor(query.after, NOTIFICATION_ORDER.length) : undefined,
      await this.hiddenBoards(actor),
    );
    return {
      rows,
      cursorOf: (row: NotificationRecord) =>
        cursorValuesOf(row as unknown as Record<string, unknown>, NOTIFICATION_ORDER),
    };
  }

  /**
   * One of your notifications, marked read as you open it; null for anyone else's, an unknown id,
   * or one about a board you may no longer read.
   */
  async open(actor: Actor, id: string): Promise<NotificationRecord | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const record = await this.notifications.findById(new Types.ObjectId(id));
    if (!record || record.recipientId.toHexString() !== actor.userId) return null;
    if (
      record.boardId &&
      !(await this.access.readableBoardIds(actor, [record.boardId])).has(record.boardId.toHexString())
    )
      return null;
    if (!record.readAt) {
      await this.notifications.markRead(record.recipientId, [record._id], this.clock.now());
      await this.users.touchViewerState([record.recipientId]);
    }
    return record;
  }

  async unreadCount(actor: Actor): Promise<number> {
    return this.notifications.unreadCount(new Types.ObjectId(actor.userId), await this.hiddenBoards(actor));
  }

  /** Marks the given notifications (or, without ids, all) read; returns how many stay unread. */
  async markRead(actor: Actor, ids: string[] | null | undefined): Promise<number> {
    if (ids && (ids.length > 100 || ids.some((id) => !Types.ObjectId.isValid(id)))) {
      throw new InvalidInputError([{ field: 'ids', message: 'INVALID_VALUE' }]);
    }
    const recipientId = new Types.ObjectId(actor.userId);
    await this.notifications.markRead(
      recipientId,
      ids ? ids.map((id) => new Types.ObjectId(id)) : null,
      this.clock.now(),
    );
    await this.users.touchViewerState([actor.userId]);
    return this.unreadCount(actor);
  }
}
