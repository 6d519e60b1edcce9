import { Args, Field, Float, ID, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { type Actor, CurrentActor, InvalidInputError, SignedIn } from '@helpboard/core';
import { Post, ThreadStateService, toPost } from '@helpboard/threads';
import { FlagReason, type FlagRecord, FlagStatus } from './flag.schema.js';
import { FlagService } from './flag.service.js';

registerEnumType(FlagReason, { name: 'FlagReason', description: 'Why a post needs attention.' });
registerEnumType(FlagStatus, { name: 'FlagStatus', description: 'Open, or how a moderator resolved it.' });

export enum FlagOutcome {
  HELPFUL = 'HELPFUL',
  DECLINED = 'DECLINED',
}
registerEnumType(FlagOutcome, { name: 'FlagOutcome', description: 'A moderator’s decision on a flag.' });

export enum ReviewQueueKind {
  FLAGGED = 'FLAGGED',
}
registerEnumType(ReviewQueueKind, { name: 'ReviewQueueKind', description: 'Which review queue.' });

@ObjectType({ description: 'A flag on a post.' })
export class Flag {
  @Field(() => ID) id!: string;
  @Field(() => ID) postId!: string;
  @Field(() => FlagReason) reason!: FlagReason;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Float, { description: 'How much this flag counts toward hiding the post.' }) weight!: number;
  @Field(() => FlagStatus) status!: FlagStatus;
  @Field() createdAt!: Date;
}

@ObjectType({ description: 'A post waiting for a moderator, with its flags.' })
export class ReviewItem {
  @Field(() => Post) post!: Post;
  @Field(() => [Flag]) flags!: Flag[];
  @Field(() => Float) totalWeight!: number;
}

const toFlag = (record: FlagRecord): Flag => ({
  id: record._id.toHexString(),
  postId: record.postId.toHexString(),
  reason: record.reason,
  note: record.note,
  weight: record.weight,
  status: record.status,
  createdAt: record.createdAt,
});

@Resolver()
export class FlagResolver {
  constructor(
    private readonly flags: FlagService,
    private readonly threadState: ThreadStateService,
  ) {}

  @SignedIn()
  @Mutation(() => Flag, {
    description: 'Flag a post for moderators (needs the flag privilege); enough flags hide it pending review.',
  })
  async flagPost(
    @CurrentActor() actor: Actor,
    @Args('postId', { type: () => ID }) postId: string,
    @Args('reason', { type: () => FlagReason }) reason: FlagReason,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
  ): Promise<Flag> {
    if (note && note.length > 500)
      throw new InvalidInputError([{ field: 'note', message: 'TOO_LONG', params: { max: 500 } }]);
    return toFlag(await this.flags.flagPost(actor, postId, reason, note?.trim() || null));
  }

  @SignedIn()
  @Mutation(() => Flag, { description: 'Resolve a flag, and every open flag on the same post (board moderators).' })
  async resolveFlag(
    @CurrentActor() actor: Actor,
    @Args('flagId', { type: () => ID }) flagId: string,
    @Args('outcome', { type: () => FlagOutcome }) outcome: FlagOutcome,
  ): Promise<Flag> {
    const status = outcome === FlagOutcome.HELPFUL ? FlagStatus.HELPFUL : FlagStatus.DECLINED;
    return toFlag(await this.flags.resolveFlag(actor, flagId, status));
  }

  @SignedIn()
  @Query(() => [ReviewItem], { description: "A board's review queue, most urgent first (board moderators)." })
  async reviewQueue(
    @CurrentActor() actor: Actor,
    @Args('boardSlug') boardSlug: string,
    @Args('kind', { type: () => ReviewQueueKind, defaultValue: ReviewQueueKind.FLAGGED }) _kind: ReviewQueueKind,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<ReviewItem[]> {
    const items = await this.flags.flaggedQueue(actor, boardSlug, Math.min(Math.max(first, 1), 100));
    return Promise.all(
      items.map(async (item) => ({
        post: toPost(await this.threadState.requirePost(item.postId.toHexString())),
        flags: item.flags.map(toFlag),
        totalWeight: item.totalWeight,
      })),
    );
  }
}
