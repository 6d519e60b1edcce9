import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  type Actor,
  ConnectionType,
  CurrentActor,
  PageArgs,
  pageSize,
  SignedIn,
  toConnection,
  cursorValuesOf,
} from '@helpboard/core';
import { FOLLOW_ORDER } from './follow.repository.js';
import { Follow, FollowInput } from './follow.model.js';
import { type FollowRecord, FollowTargetType } from './follow.schema.js';
import { FollowService } from './follow.service.js';

export const FollowConnection = ConnectionType(Follow);

function toFollow(target: FollowRecord): Follow {
  const isThread = target.targetType === FollowTargetType.THREAD;
  return {
    targetType: target.targetType,
    threadId: isThread ? target.targetId.toHexString() : null,
    boardId: isThread ? null : target.targetId.toHexString(),
    tag: target.tag || null,
    createdAt: target.createdAt,
  };
}

@Resolver(() => Follow)
export class FollowResolver {
  constructor(private readonly service: FollowService) {}

  @SignedIn()
  @Mutation(() => Follow, { description: 'Follow a thread, a board or a tag on a board (idempotent).' })
  async follow(@CurrentActor() actor: Actor, @Args('input') input: FollowInput): Promise<Follow> {
    return toFollow(await this.service.follow(actor, input));
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Stop following; returns whether you were following it.' })
  unfollow(@CurrentActor() actor: Actor, @Args('input') input: FollowInput): Promise<boolean> {
    return this.service.unfollow(actor, input);
  }

  @SignedIn()
  @Query(() => FollowConnection, {
    description: 'What you follow, most recent first.',
    complexity: ({ args, childComplexity }) => (args.first ?? 20) * childComplexity,
  })
  async follows(@CurrentActor() actor: Actor, @Args() args: PageArgs) {
    const size = pageSize(args.first);
    const rows = await this.service.list(actor, size + 1, args.after);
    return toConnection(
      rows,
      size,
      !!args.after,
      (row) => cursorValuesOf(row as unknown as Record<string, unknown>, FOLLOW_ORDER),
      toFollow,
    );
  }
}
