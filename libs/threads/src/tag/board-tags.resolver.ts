// Adds the board's tags (question counts, descriptions, top answerers) to the Board type the boards
// lib defines: the counts are threads data, so the threads lib resolves them. Every field reads
// through TagService, which makes the board's access decision again (a private board's tags never
// leak through a Board reached some other way).
import {
  Args,
  ArgsType,
  Context,
  Field,
  Int,
  Mutation,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IsString, Length, MaxLength } from 'class-validator';
import { type Actor, Clock, CurrentActor, DomainError, type LoaderHolder, SignedIn } from '@helpboard/core';
import { Board } from '@helpboard/boards';
import { toUser, User, UsersService } from '@helpboard/identity';
import { TAG_DESCRIPTION_MAX, TAGS_PER_PAGE_MAX, TagService } from './tag.service.js';
import type { TagRecord } from './tag.schema.js';

@ObjectType({ description: 'A tag used on a board, with how many visible questions carry it.' })
export class BoardTag {
  @Field() name!: string;
  @Field(() => Int) questionCount!: number;
  @Field({ description: "What the tag is for, written by the board's moderators (plain text; empty if none)." })
  description!: string;
  /** For the top answerers field. */
  boardSlug!: string;
}

@ObjectType({ description: "Someone who answers a tag's questions, by the total score of those answers." })
export class TagAnswerer {
  @Field(() => User) user!: User;
  @Field(() => Int, { description: 'Their visible answers to questions with the tag.' }) answers!: number;
  @Field(() => Int, { description: 'The total score of those answers.' }) totalScore!: number;
}

@ArgsType()
export class DescribeTagArgs {
  @Field({ description: 'The board.' })
  @IsString()
  @Length(1, 40)
  boardSlug!: string;

  @Field({ description: 'The tag on that board.' })
  @IsString()
  @Length(1, 35)
  tag!: string;

  @Field({ description: `Plain text, up to ${TAG_DESCRIPTION_MAX} characters; empty clears it.` })
  @IsString()
  @MaxLength(TAG_DESCRIPTION_MAX * 2)
  description!: string;
}

const toBoardTag = (row: TagRecord, boardSlug: string): BoardTag => ({
  name: row.name,
  questionCount: row.questionCount,
  description: row.description ?? '',
  boardSlug,
});

@Resolver(() => Board)
export class BoardTagsResolver {
  constructor(private readonly tags: TagService) {}

  @ResolveField(() => [BoardTag], {
    description: 'Tags in use on this board, most used first; `search` keeps names starting with it.',
  })
  async questionTags(
    @Parent() board: Board,
    @CurrentActor() actor: Actor | null,
    @Args('first', { type: () => Int, defaultValue: 20, description: `At most ${TAGS_PER_PAGE_MAX}.` }) first: number,
    @Args('offset', { type: () => Int, defaultValue: 0, description: 'Tags to pass over (numbered pages).' })
    offset: number,
    @Args('search', { type: () => String, nullable: true, description: 'A name prefix.' }) search: string | null,
  ): Promise<BoardTag[]> {
    const page = await this.tags.tagIndex(actor, board.slug, { search, skip: offset, limit: first });
    return page.tags.map((row) => toBoardTag(row, board.slug));
  }

  @ResolveField(() => Int, { description: 'How many tags are in use on this board (`search` as for questionTags).' })
  async questionTagCount(
    @Parent() board: Board,
    @CurrentActor() actor: Actor | null,
    @Args('search', { type: () => String, nullable: true, description: 'A name prefix.' }) search: string | null,
  ): Promise<number> {
    return (await this.tags.tagIndex(actor, board.slug, { search, skip: 0, limit: 1 })).total;
  }

  @ResolveField(() => BoardTag, { nullable: true, description: 'One tag of this board, or null if none is so named.' })
  async questionTag(
    @Parent() board: Board,
    @CurrentActor() actor: Actor | null,
    @Args('name', { description: 'The tag.' }) name: string,
  ): Promise<BoardTag | null> {
    const found = await this.tags.tag(actor, board.slug, name).catch((error: unknown) => {
      if (error instanceof DomainError && error.reason === 'TAG_NOT_FOUND') return null;
      throw error;
    });
    return found ? toBoardTag(found.tag, board.slug) : null;
  }

  @SignedIn()
  @Mutation(() => BoardTag, {
    description: "Describe a tag (the board's moderators and owners, and its operator's admins; audited).",
  })
  async describeTag(@CurrentActor() actor: Actor, @Args() args: DescribeTagArgs): Promise<BoardTag> {
    return toBoardTag(await this.tags.describeTag(actor, args.boardSlug, args.tag, args.description), args.boardSlug);
  }
}

const TOP_ANSWERERS_MAX = 20;

@Resolver(() => BoardTag)
export class BoardTagFieldsResolver {
  constructor(
    private readonly tags: TagService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @ResolveField(() => [TagAnswerer], { description: "Who answers this tag's questions best (total answer score)." })
  async topAnswerers(
    @Parent() tag: BoardTag,
    @CurrentActor() actor: Actor | null,
    @Context() context: LoaderHolder,
    @Args('first', { type: () => Int, defaultValue: 5, description: `At most ${TOP_ANSWERERS_MAX}.` }) first: number,
  ): Promise<TagAnswerer[]> {
    const { board } = await this.tags.tag(actor, tag.boardSlug, tag.name);
    const rows = await this.tags.topAnswerers(board, tag.name, Math.min(Math.max(first, 1), TOP_ANSWERERS_MAX));
    const users = await Promise.all(rows.map((row) => this.users.loader(context).load(row.userId)));
    const now = this.clock.now();
    return rows.flatMap((row, index) => {
      const user = users[index];
      return user ? [{ user: toUser(user, now), answers: row.answers, totalScore: row.totalScore }] : [];
    });
  }
}
