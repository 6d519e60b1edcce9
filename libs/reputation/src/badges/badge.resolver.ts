import {
  Args,
  Context,
  Field,
  Int,
  Mutation,
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
  InvalidInputError,
  type LoaderHolder,
  Public,
  requestLoader,
  SignedIn,
} from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { toUser, User, UsersService } from '@helpboard/identity';
import { PostAuthor } from '@helpboard/threads';
import { BadgeKind, type BadgeRecord, BadgeTier } from './badge.schema.js';
import { BadgeService } from './badge.service.js';
import { ProfileReader } from '../profile/profile-reader.js';

registerEnumType(BadgeKind, { name: 'BadgeKind', description: 'What a badge recognises.' });
registerEnumType(BadgeTier, { name: 'BadgeTier', description: 'Bronze, silver or gold.' });

@ObjectType({ description: 'A badge held on a board: earned, or granted by the board’s staff (Official Expert).' })
export class Badge {
  @Field(() => BadgeKind) kind!: BadgeKind;
  @Field(() => BadgeTier) tier!: BadgeTier;
  @Field({ description: 'Slug of the board the badge belongs to.' }) boardSlug!: string;
  @Field(() => String, { nullable: true, description: 'For per-answer badges: the answer.' }) postId!: string | null;
  @Field() awardedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Granted badges end then.' }) expiresAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was granted.' }) reason!: string | null;
}

@ObjectType({ description: 'Who holds a badge.' })
export class BadgeHolder {
  @Field(() => User) user!: User;
  @Field(() => Badge) badge!: Badge;
}

function toBadge(record: BadgeRecord, boardSlug: string): Badge {
  return {
    kind: record.kind,
    tier: record.tier,
    boardSlug,
    postId: record.subject || null,
    awardedAt: record.awardedAt,
    expiresAt: record.expiresAt,
    reason: record.reason,
  };
}

@Resolver()
export class BadgeResolver {
  constructor(
    private readonly badgeService: BadgeService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /** Board slugs by id, batched per request. */
  private async slugs(context: LoaderHolder, boardIds: Types.ObjectId[]): Promise<Map<string, string>> {
    const loader = requestLoader<string, string>(context, 'boards.slugById', async (ids) => {
      const boards = await this.boards.findByIds(ids.map((id) => new Types.ObjectId(id)));
      const byId = new Map(boards.map((b) => [b._id.toHexString(), b.slug]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    const keys = [...new Set(boardIds.map((id) => id.toHexString()))];
    const values = await loader.loadMany(keys);
    return new Map(keys.map((key, i) => [key, typeof values[i] === 'string' ? (values[i] as string) : '']));
  }

  async badgesOf(context: LoaderHolder, records: BadgeRecord[]): Promise<Badge[]> {
    const slugs = await this.slugs(
      context,
      records.map((r) => r.boardId),
    );
    return records.map((record) => toBadge(record, slugs.get(record.boardId.toHexString()) ?? ''));
  }

  @Public()
  @Query(() => [BadgeHolder], { description: "Holders of a board's badges, most recent first." })
  async badges(
    @CurrentActor() actor: Actor | null,
    @Args('boardSlug') boardSlug: string,
    @Args('kind', { type: () => BadgeKind, nullable: true }) kind: BadgeKind | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Context() context: LoaderHolder,
  ): Promise<BadgeHolder[]> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.View, board);
    const records = await this.badgeService.holders(board._id, kind, Math.min(Math.max(first, 1), 100));
    const users = await this.users.loader(context).loadMany(records.map((r) => r.userId.toHexString()));
    const now = this.clock.now();
    return records.flatMap((record, i) => {
      const user = users[i];
      return user && !(user instanceof Error) ? [{ user: toUser(user, now), badge: toBadge(record, board.slug) }] : [];
    });
  }

  @SignedIn()
  @Mutation(() => Badge, {
    description: 'Certify a user as Official Expert of a board until a date (board staff and owners).',
  })
  async grantOfficialExpert(
    @CurrentActor() actor: Actor,
    @Args('boardSlug') boardSlug: string,
    @Args('handle') handle: string,
    @Args('expiresAt') expiresAt: Date,
    @Args('reason') reason: string,
  ): Promise<Badge> {
    const trimmed = reason.trim();
    if (trimmed.length < 3 || trimmed.length > 300) {
      throw new InvalidInputError([{ field: 'reason', message: 'LENGTH_OUT_OF_RANGE', params: { min: 3, max: 300 } }]);
    }
    return toBadge(
      await this.badgeService.grantOfficialExpert(actor, boardSlug, handle, expiresAt, trimmed),
      boardSlug,
    );
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: "Withdraw a user's Official Expert badge on a board." })
  async revokeOfficialExpert(
    @CurrentActor() actor: Actor,
    @Args('boardSlug') boardSlug: string,
    @Args('handle') handle: string,
  ) {
    await this.badgeService.revokeOfficialExpert(actor, boardSlug, handle);
    return true;
  }
}

@Resolver(() => User)
export class UserBadgesResolver {
  constructor(
    private readonly profiles: ProfileReader,
    private readonly badgeResolver: BadgeResolver,
  ) {}

  @ResolveField(() => [Badge], { description: 'Badges in force, on one board or on all boards you may read.' })
  async badges(
    @Parent() user: User,
    @CurrentActor() viewer: Actor | null,
    @Args('boardSlug', { type: () => String, nullable: true }) boardSlug: string | null,
    @Context() context: LoaderHolder,
  ): Promise<Badge[]> {
    return this.badgeResolver.badgesOf(context, await this.profiles.badges(viewer, user.id, boardSlug));
  }
}

@Resolver(() => PostAuthor)
export class AuthorBadgesResolver {
  constructor(
    private readonly badgeService: BadgeService,
    private readonly badgeResolver: BadgeResolver,
  ) {}

  @ResolveField(() => [Badge], { description: "The author's badges on this post's board." })
  async badges(@Parent() author: PostAuthor, @Context() context: LoaderHolder): Promise<Badge[]> {
    const loader = requestLoader<string, BadgeRecord[]>(
      context,
      `badges.onBoard.${author.boardId}`,
      async (userIds) => {
        const records = await this.badgeService.activeFor(
          userIds.map((id) => new Types.ObjectId(id)),
          new Types.ObjectId(author.boardId),
        );
        return userIds.map((id) => records.filter((r) => r.userId.toHexString() === id));
      },
    );
    return this.badgeResolver.badgesOf(context, (await loader.load(author.user.id)) ?? []);
  }
}
