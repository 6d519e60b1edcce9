// Reading and acknowledging your own notifications: nobody else's are reachable from here, and
// none about a board you can no longer read (removed from a private board: its titles stay private).
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, cursorValuesOf, decodeCursor, InvalidInputError } from '@helpboard/core';
import { BoardAccessService } from '@helpboard/boards';
import { NOTIFICATION_ORDER, NotificationRepository } from './notification.repository.js';
import type { NotificationRecord } from './notification.schema.js';

@Injectable()
export class NotificationService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
    private readonly access: BoardAccessService,
  ) {}

  private async hiddenBoards(actor: Actor): Promise<Types.ObjectId[]> {
    const boardIds = await this.notifications.boardIdsOf(new Types.ObjectId(actor.userId));
    const readable = await this.access.readableBoardIds(actor, boardIds);
    return boardIds.filter((id) => !readable.has(id.toHexString()));
  }

  async list(actor: Actor, query: { unreadOnly: boolean; limit: number; after?: string | null }) {
    const rows = await this.notifications.list(
      new Types.ObjectId(actor.userId),
      query.unreadOnly,
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
    return this.unreadCount(actor);
  }
}
