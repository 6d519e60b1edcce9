// `export users`: everyone who posted on an operator's boards, with where they came from (for
// imported accounts), their reputation on the operator, answers, accepted answers and badges.
import { Injectable } from '@nestjs/common';
import type { Types } from 'mongoose';
import { BoardService, OperatorService } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { BadgeService, ImportedBadgesService, ReputationReader, reputationFromEarned } from '@helpboard/reputation';
import { PostStatsService } from '@helpboard/threads';
import { PLATFORM_ACTOR } from '../platform-actor.js';

export interface ExportedUser {
  handle: string;
  displayName: string;
  sourceSite: string | null;
  sourceId: number | null;
  reputation: number;
  answers: number;
  acceptedAnswers: number;
  badges: number;
}

const BOARDS_PAGE = 100;

@Injectable()
export class UserExportService {
  constructor(
    private readonly operators: OperatorService,
    private readonly boards: BoardService,
    private readonly users: UsersService,
    private readonly posts: PostStatsService,
    private readonly reputation: ReputationReader,
    private readonly badges: BadgeService,
    private readonly importedBadges: ImportedBadgesService,
  ) {}

  /** Highest reputation first. */
  async exportUsers(operatorSlug: string): Promise<ExportedUser[]> {
    await this.operators.requireBySlug(operatorSlug);
    const boardIds = await this.boardIdsOf(operatorSlug);
    const stats = new Map((await this.posts.authorStats(boardIds)).map((s) => [s.authorId.toHexString(), s]));
    const reputation = await this.reputation.onBoards(boardIds);
    const ids = [...new Set([...stats.keys(), ...reputation.keys()])];
    const boardSet = new Set(boardIds.map((id) => id.toHexString()));
    const users = await this.users.findByIds(ids);
    // Ours and those the source site awarded (imported badges).
    const badgeCounts = await this.importedBadges.countsOn(
      users.map((u) => u._id),
      boardIds,
    );
    for (const badge of await this.badges.activeFor(users.map((u) => u._id)))
      if (boardSet.has(badge.boardId.toHexString()))
        badgeCounts.set(badge.userId.toHexString(), (badgeCounts.get(badge.userId.toHexString()) ?? 0) + 1);
    return users
      .map((user): ExportedUser => {
        const id = user._id.toHexString();
        return {
          handle: user.handle,
          displayName: user.displayName,
          sourceSite: user.origin?.site ?? null,
          sourceId: user.origin?.id ?? null,
          reputation: reputationFromEarned(reputation.get(id)),
          answers: stats.get(id)?.answers ?? 0,
          acceptedAnswers: stats.get(id)?.accepted ?? 0,
          badges: badgeCounts.get(id) ?? 0,
        };
      })
      .sort((a, b) => b.reputation - a.reputation || a.handle.localeCompare(b.handle));
  }

  private async boardIdsOf(operatorSlug: string): Promise<Types.ObjectId[]> {
    const ids: Types.ObjectId[] = [];
    for (let afterSlug: string | undefined; ;) {
      const page = await this.boards.listBoards(PLATFORM_ACTOR, { operatorSlug, afterSlug, limit: BOARDS_PAGE });
      ids.push(...page.map((b) => b._id));
      if (page.length < BOARDS_PAGE) return ids;
      afterSlug = page[page.length - 1].slug;
    }
  }
}
