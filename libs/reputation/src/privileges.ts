// Privileges earned with reputation on an operator's boards (SE defaults, tunable per board;
// see libs/boards settings). Board staff, moderators and owners act by role on their boards.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { DomainError, ErrorCode, memberActor } from '@helpboard/core';
import {
  BoardAccessService,
  BoardAction,
  type BoardRecord,
  BoardService,
  resolveBoardSettings,
  type BoardSettingsValues,
} from '@helpboard/boards';
import type { CommentAdded, VoteChanged } from '@helpboard/threads';
import { PostStatsService } from '@helpboard/threads';
import { ReputationReader } from './reputation-reader.js';
import './reputation.messages.js';

export enum Privilege {
  UPVOTE = 'UPVOTE',
  FLAG = 'FLAG',
  COMMENT = 'COMMENT',
  DOWNVOTE = 'DOWNVOTE',
  POST_LINKS = 'POST_LINKS',
  ANSWER_PROTECTED = 'ANSWER_PROTECTED',
  REVIEW_QUEUES = 'REVIEW_QUEUES',
  EDIT_OTHERS_POSTS = 'EDIT_OTHERS_POSTS',
  CLOSE_VOTES = 'CLOSE_VOTES',
  MODERATION_TOOLS = 'MODERATION_TOOLS',
}

const SETTING: Record<Privilege, keyof BoardSettingsValues['privileges']> = {
  [Privilege.UPVOTE]: 'upvote',
  [Privilege.FLAG]: 'flag',
  [Privilege.COMMENT]: 'comment',
  [Privilege.DOWNVOTE]: 'downvote',
  [Privilege.POST_LINKS]: 'postLinks',
  [Privilege.ANSWER_PROTECTED]: 'answerProtected',
  [Privilege.REVIEW_QUEUES]: 'reviewQueues',
  [Privilege.EDIT_OTHERS_POSTS]: 'editOthersPosts',
  [Privilege.CLOSE_VOTES]: 'closeVotes',
  [Privilege.MODERATION_TOOLS]: 'moderationTools',
};

export interface PrivilegeStanding {
  privilege: Privilege;
  required: number;
  isGranted: boolean;
  /** Granted by a board role rather than by reputation. */
  byRole: boolean;
}

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
    await this.assert(event.actorId, event.boardId, event.value === 1 ? Privilege.UPVOTE : Privilege.DOWNVOTE);
  }

  async assertMayComment(event: CommentAdded): Promise<void> {
    const post = await this.posts.post(event.postId);
    if (post?.authorId.equals(event.actorId)) return; // anyone may comment on their own posts
    await this.assert(event.actorId, event.boardId, Privilege.COMMENT);
  }

  /** FORBIDDEN (reason PRIVILEGE_REQUIRED, naming the privilege and its threshold) unless granted. */
  async assert(userId: string, board: BoardRecord | string, privilege: Privilege): Promise<void> {
    const [standing] = await this.standings(userId, await this.boardOf(board), [privilege]);
    if (!standing.isGranted) {
      const facts = { privilege, required: standing.required };
      throw new DomainError(ErrorCode.Forbidden, { reason: 'PRIVILEGE_REQUIRED', params: facts, details: facts });
    }
  }

  async has(userId: string, board: BoardRecord | string, privilege: Privilege): Promise<boolean> {
    const [standing] = await this.standings(userId, await this.boardOf(board), [privilege]);
    return standing.isGranted;
  }

  /**
   * Every privilege on a board (its thresholds; its roles exempt), or with only an operator the
   * default thresholds: whether the user has each.
   */
  async standings(
    userId: string,
    where: BoardRecord | { operatorId: Types.ObjectId },
    privileges: readonly Privilege[] = Object.values(Privilege),
  ): Promise<PrivilegeStanding[]> {
    const board = '_id' in where ? where : null;
    const thresholds = resolveBoardSettings(board?.settingsOverrides ?? {}).privileges;
    const actor = memberActor(userId);
    // Staff, moderators and owners act by role on their boards.
    const byRole = board ? await this.access.can(actor, BoardAction.EditAnyPost, board) : false;
    const reputation = byRole ? 0 : await this.reputation.onOperator(userId, where.operatorId);
    return privileges.map((privilege) => {
      const required = thresholds[SETTING[privilege]];
      return { privilege, required, isGranted: byRole || reputation >= required, byRole };
    });
  }

  private async boardOf(board: BoardRecord | string): Promise<BoardRecord> {
    return typeof board === 'string' ? this.boards.requireById(new Types.ObjectId(board)) : board;
  }
}
