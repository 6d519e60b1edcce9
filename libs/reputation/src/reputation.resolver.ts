import {
  Args,
  Context,
  Field,
  Int,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import { Types } from 'mongoose';
import {
  type Actor,
  Clock,
  ConnectionType,
  CurrentActor,
  decodeCursor,
  type LoaderHolder,
  NotFoundError,
  PageArgs,
  pageSize,
  Public,
  requestLoader,
  toConnection,
} from '@helpboard/core';
import {
  BoardAccessService,
  BoardAction,
  BoardRole,
  BoardService,
  MembershipService,
  OperatorService,
} from '@helpboard/boards';
import { toUser, User, UsersService } from '@helpboard/identity';
import { PostAuthor } from '@helpboard/threads';
import { LedgerRepository } from './ledger/ledger.repository.js';
import { periodKey, periodOf } from './ledger/periods.js';
import { OVERALL, ReputationKind } from './ledger/reputation-entry.schema.js';
import { reputationFromEarned, STARTING_REPUTATION } from './rules/starting-reputation.js';
import { ProfileReader } from './profile/profile-reader.js';

export enum LeaderboardPeriod {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
  ALL = 'ALL',
}
registerEnumType(LeaderboardPeriod, {
  name: 'LeaderboardPeriod',
  description: 'Reputation gained this calendar week (ISO, from Monday), month or year (UTC), or ever.',
});
export enum LeaderboardAudience {
  PEERS = 'PEERS',
  STAFF = 'STAFF',
}
registerEnumType(LeaderboardAudience, {
  name: 'LeaderboardAudience',
  description: "PEERS: customers and experts; STAFF: the operator's reps.",
});
registerEnumType(ReputationKind, { name: 'ReputationKind', description: 'Why reputation changed.' });

const MAX_ENTRIES = 100;

@ObjectType({ description: 'A place on a board leaderboard.' })
export class LeaderboardEntry {
  @Field(() => Int) rank!: number;
  @Field(() => User) user!: User;
  @Field(() => Int, {
    description: 'ALL: reputation on this board (1 + what was earned there); a period: reputation gained on it then.',
  })
  reputation!: number;
}

@ObjectType({ description: 'One change of reputation, with its cause (the ledger is public and append-only).' })
export class ReputationChange {
  @Field(() => ReputationKind) kind!: ReputationKind;
  @Field(() => Int, { description: 'Applied change (after the daily vote cap and the floor of 1).' }) delta!: number;
  @Field(() => Int, { description: 'What the rule asked for.' }) requested!: number;
  @Field(() => String, { nullable: true, description: 'The post concerned.' }) postId!: string | null;
  @Field(() => String, { description: 'The board it was earned or lost on.' }) boardId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Why, beyond the kind: e.g. `hide:<postId>` or `serial-voting:<voterId>` for reversals.',
  })
  cause!: string | null;
  @Field() at!: Date;
}

export const ReputationChangeConnection = ConnectionType(ReputationChange);

const HISTORY_SORT = [
  ['at', -1],
  ['_id', -1],
] as const;

function totalsLoader(holder: LoaderHolder, ledger: LedgerRepository) {
  return requestLoader<string, number>(holder, 'reputation.overall', async (userIds) => {
    const rows = await ledger.totalsFor(
      userIds.map((id) => new Types.ObjectId(id)),
      OVERALL,
    );
    const totals = new Map(rows.map((row) => [row.userId.toHexString(), row.total]));
    return userIds.map((id) => totals.get(id) ?? STARTING_REPUTATION);
  });
}

@Resolver(() => User)
export class UserReputationResolver {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly profiles: ProfileReader,
    private readonly operators: OperatorService,
  ) {}

  @ResolveField(() => Int, {
    description:
      'Reputation overall, on one board (NOT_FOUND for a board you may not read), or on one operator’s boards (only those you may read): everyone starts at 1 in each scope and has 1 + what they earned there, never less than 1.',
  })
  async reputation(
    @Parent() user: User,
    @Context() context: LoaderHolder,
    @CurrentActor() viewer: Actor | null,
    @Args('boardSlug', { type: () => String, nullable: true }) boardSlug: string | null,
    @Args('operatorSlug', { type: () => String, nullable: true }) operatorSlug: string | null,
  ): Promise<number> {
    if (boardSlug) return this.profiles.onBoard(viewer, user.id, boardSlug);
    if (operatorSlug) {
      const operator = await this.operators.requireBySlug(operatorSlug);
      return this.profiles.onOperator(viewer, user.id, operator._id);
    }
    return (await totalsLoader(context, this.ledger).load(user.id))!;
  }

  @ResolveField(() => ReputationChangeConnection, {
    description:
      'Every reputation change, newest first, optionally on one board: it explains every point. Only boards you may read.',
    complexity: ({ args, childComplexity }) => (args.first ?? 20) * childComplexity,
  })
  async reputationHistory(
    @Parent() user: User,
    @CurrentActor() viewer: Actor | null,
    @Args() page: PageArgs,
    @Args('boardSlug', { type: () => String, nullable: true }) boardSlug: string | null,
  ) {
    const size = pageSize(page.first);
    const after = page.after ? decodeCursor(page.after, HISTORY_SORT.length) : null;
    const rows = await this.profiles.history(
      viewer,
      user.id,
      boardSlug,
      size + 1,
      after ? { at: after[0] as Date, id: after[1] as Types.ObjectId } : null,
    );
    return toConnection(
      rows,
      size,
      !!after,
      (row) => [row.at, row._id],
      (row) => ({
        kind: row.kind,
        delta: row.delta,
        requested: row.requested,
        postId: row.postId?.toHexString() ?? null,
        boardId: row.boardId.toHexString(),
        cause: row.cause,
        at: row.at,
      }),
    );
  }
}

@Resolver(() => PostAuthor)
export class AuthorReputationResolver {
  constructor(private readonly ledger: LedgerRepository) {}

  @ResolveField(() => Int, { description: "The author's overall reputation." })
  async reputation(@Parent() author: PostAuthor, @Context() context: LoaderHolder): Promise<number> {
    return (await totalsLoader(context, this.ledger).load(author.user.id))!;
  }
}

@Resolver()
export class LeaderboardResolver {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly memberships: MembershipService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Query(() => [LeaderboardEntry], { description: "A board's top answerers by reputation gained in a period." })
  async leaderboard(
    @Args('boardSlug') boardSlug: string,
    @Args('period', { type: () => LeaderboardPeriod, defaultValue: LeaderboardPeriod.ALL }) period: LeaderboardPeriod,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('audience', { type: () => LeaderboardAudience, defaultValue: LeaderboardAudience.PEERS })
    audience: LeaderboardAudience,
    @CurrentActor() actor: Actor | null,
    @Context() context: LoaderHolder,
  ): Promise<LeaderboardEntry[]> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.View, board);
    const limit = Math.min(Math.max(first, 1), MAX_ENTRIES);
    // Over-fetch, then keep one audience: staff answer as part of their job and are ranked apart.
    const candidates =
      period === LeaderboardPeriod.ALL
        ? (await this.ledger.topOnBoard(board._id, limit * 4)).map((row) => ({
            userId: row.userId,
            total: reputationFromEarned(row.total),
          }))
        : await this.ledger.topInPeriod(
            periodKey(board._id.toHexString(), periodOf(period, this.clock.now())),
            limit * 4,
          );
    const roles = await this.memberships.rolesOnBoard(
      board._id,
      candidates.map((row) => row.userId),
    );
    const rows = candidates
      .filter(
        (row) => (roles.get(row.userId.toHexString()) === BoardRole.STAFF) === (audience === LeaderboardAudience.STAFF),
      )
      .slice(0, limit);
    const users = await this.users.loader(context).loadMany(rows.map((row) => row.userId.toHexString()));
    const now = this.clock.now();
    return rows.flatMap((row, index) => {
      const user = users[index];
      if (!user || user instanceof Error) throw new NotFoundError('User', 'USER_NOT_FOUND');
      return [{ rank: index + 1, user: toUser(user, now), reputation: row.total }];
    });
  }
}
