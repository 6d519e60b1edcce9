// A user's questions, answers and "people reached" on the User type (identity's), read through
// ProfilePostsService: only posts on boards the caller may read.
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, PageArgs, pageSize, toConnection } from '@helpboard/core';
import { User } from '@helpboard/identity';
import { PostConnection } from '../thread/thread-fields.resolver.js';
import { toPost } from '../thread/thread.mapper.js';
import { PostKind } from './post.schema.js';
import { ProfilePostsService } from './profile-posts.service.js';

@Resolver(() => User)
export class UserPostsResolver {
  constructor(private readonly profilePosts: ProfilePostsService) {}

  @ResolveField(() => PostConnection, {
    description: 'Their visible questions or answers, newest first, on boards you may read.',
    complexity: ({ args, childComplexity }) => (args.first ?? 20) * childComplexity,
  })
  async posts(
    @Parent() user: User,
    @CurrentActor() actor: Actor | null,
    @Args('kind', { type: () => PostKind, description: 'Questions or answers.' }) kind: PostKind,
    @Args() args: PageArgs,
  ) {
    const size = pageSize(args.first);
    const page = await this.profilePosts.postsOf(actor, user.id, kind, size + 1, args.after);
    return toConnection(page.rows, size, !!args.after, page.cursorOf, (row) => toPost(row.post));
  }

  @ResolveField(() => Int, {
    description:
      "Stack Exchange's people reached: views of the questions they asked or answered, on boards you may read.",
  })
  peopleReached(@Parent() user: User, @CurrentActor() actor: Actor | null): Promise<number> {
    return this.profilePosts.peopleReached(actor, user.id);
  }
}
