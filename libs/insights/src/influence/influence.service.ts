// `influencers`: the operator's most read, accepted, followed and reputed answerers in a period,
// staff and peers ranked separately.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock } from '@helpboard/core';
import { BoardService, OperatorService } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { periodOf, ReputationReader } from '@helpboard/reputation';
import { StaffDirectory } from '../metrics/staff-directory.js';
import { type InfluenceCounter, InfluenceStatRepository } from './influence-stat.repository.js';
import type { InfluenceStat } from './influence-stat.schema.js';

export enum InfluencePeriod {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
  ALL = 'ALL',
}

export enum InfluenceMeasure {
  ANSWER_VIEWS = 'ANSWER_VIEWS',
  ACCEPTED_ANSWERS = 'ACCEPTED_ANSWERS',
  FOLLOWERS = 'FOLLOWERS',
  REPUTATION_GAINED = 'REPUTATION_GAINED',
}

const COUNTER: Record<Exclude<InfluenceMeasure, InfluenceMeasure.REPUTATION_GAINED>, InfluenceCounter> = {
  [InfluenceMeasure.ANSWER_VIEWS]: 'answerViews',
  [InfluenceMeasure.ACCEPTED_ANSWERS]: 'acceptedAnswers',
  [InfluenceMeasure.FOLLOWERS]: 'followers',
};

export interface InfluencerRow {
  userId: string;
  handle: string;
  answerViews: number;
  answers: number;
  acceptedAnswers: number;
  followers: number;
  reputationGained: number;
}

/** The keys of every period a fact at `at` counts toward. */
export function influencePeriodsOf(at: Date): string[] {
  return ['ALL', periodOf('WEEK', at), periodOf('MONTH', at), periodOf('YEAR', at)];
}

const BOARD_PAGE = 100;

@Injectable()
export class InfluenceService {
  constructor(
    private readonly stats: InfluenceStatRepository,
    private readonly operators: OperatorService,
    private readonly boards: BoardService,
    private readonly staff: StaffDirectory,
    private readonly reputation: ReputationReader,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async influencers(actor: Actor, operatorSlug: string, period: InfluencePeriod, by: InfluenceMeasure, limit: number) {
    const operator = await this.operators.requireBySlug(operatorSlug);
    await this.operators.assertAdmin(actor, operator);
    const now = this.clock.now();
    const key = period === InfluencePeriod.ALL ? 'ALL' : periodOf(period, now);
    const boardIds = await this.boardIdsOf(actor, operator.slug);
    const staffIds = [...(await this.staff.staffOf(operator._id, boardIds))].map((id) => new Types.ObjectId(id));
    const reputation =
      period === InfluencePeriod.ALL
        ? await this.reputation.onBoards(boardIds)
        : await this.reputation.gainedOnBoards(boardIds, period, now);

    const rank = async (group: { in: Types.ObjectId[] } | { notIn: Types.ObjectId[] }): Promise<InfluencerRow[]> => {
      let ids: Types.ObjectId[];
      if (by === InfluenceMeasure.REPUTATION_GAINED) {
        const isStaff = new Set(staffIds.map((id) => id.toHexString()));
        ids = [...reputation.entries()]
          .filter(([userId, gained]) => gained > 0 && isStaff.has(userId) === 'in' in group)
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, limit)
          .map(([userId]) => new Types.ObjectId(userId));
      } else {
        ids = (await this.stats.top(operator._id, key, COUNTER[by], group, limit)).map((row) => row.userId);
      }
      return this.rows(operator._id, key, ids, reputation);
    };
    return { staff: await rank({ in: staffIds }), peers: await rank({ notIn: staffIds }) };
  }

  private async rows(operatorId: Types.ObjectId, key: string, ids: Types.ObjectId[], reputation: Map<string, number>) {
    const [stats, users] = await Promise.all([
      this.stats.ofUsers(operatorId, key, ids),
      this.users.findByIds(ids.map((id) => id.toHexString())),
    ]);
    const statOf = new Map<string, InfluenceStat>(stats.map((row) => [row.userId.toHexString(), row]));
    const handleOf = new Map(users.map((user) => [user._id.toHexString(), user.handle]));
    return ids.map((id): InfluencerRow => {
      const userId = id.toHexString();
      const stat = statOf.get(userId);
      return {
        userId,
        handle: handleOf.get(userId) ?? '',
        answerViews: stat?.answerViews ?? 0,
        answers: stat?.answers ?? 0,
        acceptedAnswers: stat?.acceptedAnswers ?? 0,
        followers: stat?.followers ?? 0,
        reputationGained: reputation.get(userId) ?? 0,
      };
    });
  }

  private async boardIdsOf(actor: Actor, operatorSlug: string): Promise<Types.ObjectId[]> {
    const ids: Types.ObjectId[] = [];
    for (let afterSlug: string | undefined; ;) {
      const page = await this.boards.listBoards(actor, { operatorSlug, afterSlug, limit: BOARD_PAGE });
      ids.push(...page.map((board) => board._id));
      if (page.length < BOARD_PAGE) return ids;
      afterSlug = page.at(-1)!.slug;
    }
  }
}
