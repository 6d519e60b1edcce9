// `User.importedBadges`: the badges a source site awarded before an import (Stack Exchange's
// Badges.xml), shown on profiles as they were and apart from Helpboard's own badges.
import { Args, Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@helpboard/core';
import { User } from '@helpboard/identity';
import { BadgeKind, BadgeTier } from '../badges/badge.schema.js';
import { ProfileReader } from '../profile/profile-reader.js';

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
  constructor(private readonly profiles: ProfileReader) {}

  @ResolveField(() => [ImportedBadge], {
    description: 'Badges the source site of an import awarded, newest first, on boards the caller may see.',
  })
  async importedBadges(
    @Parent() user: User,
    @CurrentActor() actor: Actor | null,
    @Args('boardSlug', { type: () => String, nullable: true }) boardSlug: string | null,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<ImportedBadge[]> {
    const limit = Math.min(Math.max(first, 1), MAX_IMPORTED_BADGES);
    const records = await this.profiles.importedBadges(actor, user.id, boardSlug, limit);
    return records.map((record) => ({
      name: record.name,
      tier: record.tier,
      isTagBased: record.isTagBased,
      boardSlug: record.boardSlug,
      sourceSite: record.origin.site,
      matches: record.matches,
      awardedAt: record.awardedAt,
    }));
  }
}
