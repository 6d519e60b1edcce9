import { Args, Field, Float, ID, Mutation, ObjectType, Resolver, registerEnumType } from '@nestjs/graphql';
import { type Actor, CurrentActor, InvalidInputError, SignedIn } from '@helpboard/core';
import { FlagReason, type FlagRecord, FlagStatus } from './flag.schema.js';
import { FlagService } from './flag.service.js';

registerEnumType(FlagReason, { name: 'FlagReason', description: 'Why a post needs attention.' });
registerEnumType(FlagStatus, { name: 'FlagStatus', description: 'Open, or how a moderator resolved it.' });

export enum FlagOutcome {
  HELPFUL = 'HELPFUL',
  DECLINED = 'DECLINED',
}
registerEnumType(FlagOutcome, { name: 'FlagOutcome', description: 'A moderator’s decision on a flag.' });

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

export const toFlag = (record: FlagRecord): Flag => ({
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
  constructor(private readonly flags: FlagService) {}

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
}
