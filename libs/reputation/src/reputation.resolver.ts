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
  CurrentActor,
  type LoaderHolder,
  NotFoundError,
  Public,
  requestLoader,
} from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardRole, BoardService, MembershipService } from '@helpboard/boards';
import { toUser, User, UsersService } from '@helpboard/identity';
import { PostAuthor } from '@helpboard/threads';
import { LedgerRepository } from './ledger/ledger.repository.js';
import { ReputationKind } from './ledger/reputation-entry.schema.js';
import { STARTING_REPUTATION } from './reputation.service.js';

export enum LeaderboardPeriod {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
  ALL = 'ALL',
}
registerEnumType(LeaderboardPeriod, {
  name: 'LeaderboardPeriod',
  description: 'Reputation gained in the last 7, 30, 365 days, or ever.',
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

const PERIOD_DAYS: Record<LeaderboardPeriod, number | null> = { WEEK: 7, MONTH: 30, YEAR: 365, ALL: null };
const MAX_ENTRIES = 100;

@ObjectType({ description: 'A place on a board leaderboard.' })
export class LeaderboardEntry {
  @Field(() => Int) rank!: number;
  @Field(() => User) user!: User;
  @Field(() => Int, { description: 'Reputation on this board in the period.' }) reputation!: number;
}

@ObjectType({ description: 'One change of reputation, with its cause (the ledger is public and append-only).' })
export class ReputationChange {
  @Field(() => ReputationKind) kind!: ReputationKind;
  @Field(() => Int, { description: 'Applied change (after the daily vote cap and the floor of 1).' }) delta!: number;
  @Field(() => Int, { description: 'What the rule asked for.' }) requested!: number;
  @Field(() => String, { nullable: true, description: 'The post concerned.' }) postId!: string | null;
  @Field() at!: Date;
}

function totalsLoader(holder: LoaderHolder, ledger: LedgerRepository) {
  return requestLoader<string, number>(holder, 'reputation.overall', async (userIds) => {
    const rows = await ledger.totalsFor(
      userIds.map((id) => new Types.ObjectId(id)),
      null,
    );
    const totals = new Map(rows.map((row) => [row.userId.toHexString(), row.total]));
    return userIds.map((id) => totals.get(id) ?? STARTING_REPUTATION);
  });
}

@Resolver(() => User)
export class UserReputationResolver {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly boards: BoardService,
  ) {}

  @ResolveField(() => Int, { description: 'Reputation overall (everyone starts at 1), or earned on one board.' })
  async reputation(
    @Parent() user: User,
    @Context() context: LoaderHolder,
    @Args('boardSlug', { type: () => String, nullable: true }) boardSlug: string | null,
  ): Promise<number> {
    if (!boardSlug) return (await totalsLoader(context, this.ledger).load(user.id))!;
    const board = await this.boards.requireBoard(boardSlug);
    return (await this.ledger.total(new Types.ObjectId(user.id), board._id)) ?? 0;
  }

  @ResolveField(() => [ReputationChange], { description: 'Latest reputation changes, newest first (up to 100).' })
  async reputationHistory(
    @Parent() user: User,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<ReputationChange[]> {
    const rows = await this.ledger.history(new Types.ObjectId(user.id), Math.min(Math.max(first, 1), MAX_ENTRIES));
    return rows.map((row) => ({
      kind: row.kind,
      delta: row.delta,
      requested: row.requested,
      postId: row.postId?.toHexString() ?? null,
      at: row.at,
    }));
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
    const days = PERIOD_DAYS[period];
    // Over-fetch, then keep one audience: staff answer as part of their job and are ranked apart.
    const candidates =
      days === null
        ? (await this.ledger.topOnBoard(board._id, limit * 4)).map((row) => ({ userId: row.userId, total: row.total }))
        : await this.ledger.gainsOnBoardSince(
            board._id,
            new Date(this.clock.now().getTime() - days * 86_400_000),
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
