// Adds the board's tag list (with question counts) to the Board type the boards lib defines:
// the counts are threads data, so the threads lib resolves them.
import { Args, Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Types } from 'mongoose';
import { Board } from '@helpboard/boards';
import { TagRepository } from './tag.repository.js';

@ObjectType({ description: 'A tag used on a board, with how many visible questions carry it.' })
export class BoardTag {
  @Field() name!: string;
  @Field(() => Int) questionCount!: number;
}

const MAX_TAGS = 100;

@Resolver(() => Board)
export class BoardTagsResolver {
  constructor(private readonly tags: TagRepository) {}

  @ResolveField(() => [BoardTag], { description: 'Tags in use on this board, most used first.' })
  async questionTags(
    @Parent() board: Board,
    @Args('first', { type: () => Int, defaultValue: 20, description: `At most ${MAX_TAGS}.` }) first: number,
  ): Promise<BoardTag[]> {
    const limit = Math.min(Math.max(first, 1), MAX_TAGS);
    const rows = await this.tags.popular(new Types.ObjectId(board.id), limit);
    return rows.map((row) => ({ name: row.name, questionCount: row.questionCount }));
  }
}
