// Privileges earned with reputation (thresholds per board; SE defaults 15 to upvote, 125 to
// downvote, 50 to comment on others' posts). Board staff, moderators and owners act by role.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, ForbiddenError, PlatformRole } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService, resolveBoardSettings } from '@helpboard/boards';
import type { CommentAdded, VoteChanged } from '@helpboard/threads';
import { PostStatsService } from '@helpboard/threads';
import { ReputationReader } from './reputation-reader.js';

type Privilege = 'upvote' | 'downvote' | 'comment';

@Injectable()
export class Privileges {
  constructor(
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly reputation: ReputationReader,
    private readonly posts: PostStatsService,
  ) {}

  async assertMayVote(event: VoteChanged): Promise<void> {
    if (event.value === 0) return; // taking a vote back needs no privilege
    await this.assert(event.actorId, event.boardId, event.value === 1 ? 'upvote' : 'downvote');
  }

  async assertMayComment(event: CommentAdded): Promise<void> {
    const post = await this.posts.post(event.postId);
    if (post?.authorId.equals(event.actorId)) return; // anyone may comment on their own posts
    await this.assert(event.actorId, event.boardId, 'comment');
  }

  private async assert(userId: string, boardId: string, privilege: Privilege): Promise<void> {
    const board = await this.boards.requireById(new Types.ObjectId(boardId));
    const required = resolveBoardSettings(board.settingsOverrides).privileges[privilege];
    if (required <= 1) return;
    const actor: Actor = { userId, handle: '', platformRole: PlatformRole.User, isSuspended: false, sessionId: '' };
    if (await this.access.can(actor, BoardAction.EditAnyPost, board)) return; // staff, moderators, owners
    if ((await this.reputation.overall(userId)) < required) throw new ForbiddenError('PRIVILEGE_REQUIRED');
  }
}
