// `User.importedBadges`: the badges a source site awarded before an import (Stack Exchange's
// Badges.xml), shown on profiles as they were and apart from Helpboard's own badges.
import { Args, Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Types } from 'mongoose';
import { type Actor, CurrentActor } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { User } from '@helpboard/identity';
import { BadgeKind, BadgeTier } from '../badges/badge.schema.js';
import { ImportedBadgesService } from './imported-badges.service.js';

const MAX_IMPORTED_BADGES = 500;

@ObjectType({
  description:
    'A badge the source site of an import awarded (e.g. Stack Exchange), kept as it was: not a Helpboard badge.',
})
export class ImportedBadge {
  @Field({ description: 'As the source named it ("Yearling", or the tag of a tag badge).' }) name!: string;
  @Field(() => BadgeTier) tier!: BadgeTier;
  @Field({ description: 'Whether it was awarded for answers in one tag (`name` is the tag).' }) isTagBased!: boolean;
  @Field({ description: 'Slug of the board the history was imported into.' }) boardSlug!: string;
  @Field({ description: 'The site it came from, e.g. `french.stackexchange.com`.' }) sourceSite!: string;
  @Field(() => BadgeKind, { nullable: true, description: 'The Helpboard badge of the same meaning, if any.' })
  matches!: BadgeKind | null;
  @Field({ description: 'When the source site awarded it.' }) awardedAt!: Date;
}

@Resolver(() => User)
export class UserImportedBadgesResolver {
  constructor(
    private readonly imported: ImportedBadgesService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
  ) {}

  @ResolveField(() => [ImportedBadge], {
    description: 'Badges the source site of an import awarded, newest first, on boards the caller may see.',
  })
  async importedBadges(
    @Parent() user: User,
    @CurrentActor() actor: Actor | null,
    @Args('boardSlug', { type: () => String, nullable: true }) boardSlug: string | null,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<ImportedBadge[]> {
    const only = boardSlug ? await this.boards.requireBoard(boardSlug) : null;
    if (only) await this.access.assert(actor, BoardAction.View, only);
    const limit = Math.min(Math.max(first, 1), MAX_IMPORTED_BADGES);
    const records = await this.imported.of(new Types.ObjectId(user.id), only?._id ?? null, limit);
    const readable = await this.access.readableBoardIds(
      actor,
      records.map((r) => r.boardId),
    );
    const boards = await this.boards.findByIds([...readable].map((id) => new Types.ObjectId(id)));
    const visible = new Map(boards.map((board) => [board._id.toHexString(), board.slug]));
    return records.flatMap((record) => {
      const slug = visible.get(record.boardId.toHexString());
      if (slug === undefined) return [];
      return [
        {
          name: record.name,
          tier: record.tier,
          isTagBased: record.isTagBased,
          boardSlug: slug,
          sourceSite: record.origin.site,
          matches: record.matches,
          awardedAt: record.awardedAt,
        },
      ];
    });
  }
}
