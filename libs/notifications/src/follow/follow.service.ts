// Following threads, boards and tags. Anyone who may read a thread or board may follow it.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, decodeCursor, DomainEventBus, InvalidInputError } from '@helpboard/core';
import { BoardService, normaliseTags } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { ThreadQueryService } from '@helpboard/threads';
import { FOLLOW_ORDER, type FollowTarget, FollowRepository } from './follow.repository.js';
import { ThreadFollowed } from '../events/thread-followed.event.js';
import { type FollowRecord, FollowTargetType } from './follow.schema.js';

export interface FollowRequest {
  threadId?: string | null;
  boardSlug?: string | null;
  tag?: string | null;
}

@Injectable()
export class FollowService {
  constructor(
    private readonly follows: FollowRepository,
    private readonly threads: ThreadQueryService,
    private readonly boards: BoardService,
    private readonly clock: Clock,
    private readonly bus: DomainEventBus,
    private readonly users: UsersService,
  ) {}

  async follow(actor: Actor, request: FollowRequest): Promise<FollowRecord> {
    const target = await this.resolve(actor, request);
    const now = this.clock.now();
    const { record, isNew } = await this.follows.addOnce(new Types.ObjectId(actor.userId), target, now);
    if (isNew && target.targetType === FollowTargetType.THREAD) {
      await this.users.touchViewerState([actor.userId]); // the thread page's follow button
      await this.bus.publish([new ThreadFollowed(actor.userId, target.targetId.toHexString(), now)]);
    }
    return record;
  }

  async unfollow(actor: Actor, request: FollowRequest): Promise<boolean> {
    const target = await this.resolve(actor, request);
    const removed = await this.follows.remove(new Types.ObjectId(actor.userId), target);
    if (removed && target.targetType === FollowTargetType.THREAD) await this.users.touchViewerState([actor.userId]);
    return removed;
  }

  /** The asker follows their own question from the start. */
  async followOwnThread(userId: string, threadId: string, at: Date): Promise<void> {
    await this.follows.add(new Types.ObjectId(userId), threadTarget(threadId), at);
    await this.users.touchViewerState([userId]);
  }

  /**
   * The threads a user follows, newest first, or null when there are more than `limit` (the
   * site keeps them with the reader's header and asks per page past that).
   */
  async followedThreadIds(userId: string, limit: number): Promise<Set<string> | null> {
    const ids = await this.follows.followedThreadIds(new Types.ObjectId(userId), limit + 1);
    return ids.length > limit ? null : new Set(ids);
  }

  /** Whether the user follows the thread (pages that show a follow or unfollow button). */
  isFollowingThread(userId: string, threadId: string): Promise<boolean> {
    return this.follows.isFollowing(new Types.ObjectId(userId), threadTarget(threadId));
  }

  /** Whether the user follows the whole board (not only some of its tags). */
  isFollowingBoard(userId: string, boardId: Types.ObjectId): Promise<boolean> {
    return this.follows.isFollowing(new Types.ObjectId(userId), {
      targetType: FollowTargetType.BOARD,
      targetId: boardId,
      tag: '',
    });
  }

  /** Whether the user follows this tag on the board (the tag page's button). */
  isFollowingTag(userId: string, boardId: Types.ObjectId, tag: string): Promise<boolean> {
    return this.follows.isFollowing(new Types.ObjectId(userId), {
      targetType: FollowTargetType.TAG,
      targetId: boardId,
      tag,
    });
  }

  followersOfThread(threadId: string): Promise<string[]> {
    return this.follows.followerIds([threadTarget(threadId)]);
  }

  /** Who hears of a new question: followers of its board and of any of its tags there. */
  followersOfQuestion(boardId: string, tags: readonly string[]): Promise<string[]> {
    const board = new Types.ObjectId(boardId);
    return this.follows.followerIds([
      { targetType: FollowTargetType.BOARD, targetId: board, tag: '' },
      ...tags.map((tag) => ({ targetType: FollowTargetType.TAG, targetId: board, tag })),
    ]);
  }

  list(actor: Actor, limit: number, after?: string | null): Promise<FollowRecord[]> {
    return this.follows.list(
      new Types.ObjectId(actor.userId),
      limit,
      after ? decodeCursor(after, FOLLOW_ORDER.length) : undefined,
    );
  }

  /** Exactly one of: a thread; a board; a board and a tag. The target must be readable. */
  private async resolve(actor: Actor, request: FollowRequest): Promise<FollowTarget> {
    const { threadId, boardSlug, tag } = request;
    if (threadId && !boardSlug && !tag) {
      const thread = await this.threads.getThread(actor, threadId);
      return threadTarget(thread._id.toHexString());
    }
    if (boardSlug && !threadId) {
      const board = await this.boards.viewBoard(actor, boardSlug);
      if (tag === undefined || tag === null) {
        return { targetType: FollowTargetType.BOARD, targetId: board._id, tag: '' };
      }
      const [normalised] = normaliseTags([tag]);
      if (!normalised) throw new InvalidInputError([{ field: 'tag', message: 'INVALID_VALUE' }]);
      return { targetType: FollowTargetType.TAG, targetId: board._id, tag: normalised };
    }
    throw new InvalidInputError([{ field: 'target', message: 'FOLLOW_TARGET_INVALID' }]);
  }
}

function threadTarget(threadId: string): FollowTarget {
  return { targetType: FollowTargetType.THREAD, targetId: new Types.ObjectId(threadId), tag: '' };
}
