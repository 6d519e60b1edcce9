import {
  Args,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import { Types } from 'mongoose';
import { type Actor, CurrentActor, registerMessages, SignedIn } from '@helpboard/core';
import { Thread } from '@helpboard/threads';
import { type BountyRecord, BountyStatus } from './bounty.schema.js';
import { BOUNTY_AMOUNT, BountyService } from './bounty.service.js';

registerEnumType(BountyStatus, { name: 'BountyStatus', description: 'Where a bounty stands.' });

registerMessages({
  en: {
    NOT_ENOUGH_REPUTATION: 'You do not have enough reputation for that.',
    BOUNTY_OPEN: 'This question already has an open bounty.',
    NO_OPEN_BOUNTY: 'This question has no open bounty.',
    NOT_BOUNTY_STARTER: 'Only the person who offered the bounty can award it.',
    BOUNTY_OWN_ANSWER: 'You cannot award a bounty to your own answer.',
    BOUNTY_ENDED: 'The bounty period has ended.',
  },
  'zh-CN': {
    NOT_ENOUGH_REPUTATION: '你的声望不足。',
    BOUNTY_OPEN: '该问题已有进行中的悬赏。',
    NO_OPEN_BOUNTY: '该问题没有进行中的悬赏。',
    NOT_BOUNTY_STARTER: '只有发起悬赏的人可以颁发悬赏。',
    BOUNTY_OWN_ANSWER: '不能把悬赏颁给自己的回答。',
    BOUNTY_ENDED: '悬赏期已结束。',
  },
});

@ObjectType({ description: 'Reputation offered on a question to attract answers.' })
export class Bounty {
  @Field(() => ID) id!: string;
  @Field(() => Int) amount!: number;
  @Field(() => BountyStatus) status!: BountyStatus;
  @Field() startedAt!: Date;
  @Field({ description: 'Award before this; afterwards half may go to the best new answer scoring 2 or more.' })
  endsAt!: Date;
  @Field(() => ID, { nullable: true }) awardedAnswerId!: string | null;
}

const toBounty = (record: BountyRecord): Bounty => ({
  id: record._id.toHexString(),
  amount: record.amount,
  status: record.status,
  startedAt: record.startedAt,
  endsAt: record.endsAt,
  awardedAnswerId: record.awardedAnswerId?.toHexString() ?? null,
});

@Resolver(() => Thread)
export class BountyResolver {
  constructor(private readonly bounties: BountyService) {}

  @SignedIn()
  @Mutation(() => Bounty, {
    description: `Offer ${BOUNTY_AMOUNT.min}–${BOUNTY_AMOUNT.max} of your reputation on a question for 7 days; it is taken at once.`,
  })
  async startBounty(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('amount', { type: () => Int }) amount: number,
  ): Promise<Bounty> {
    return toBounty(await this.bounties.startBounty(actor, threadId, amount));
  }

  @SignedIn()
  @Mutation(() => Bounty, { description: 'Give your open bounty to an answer on the question.' })
  async awardBounty(
    @CurrentActor() actor: Actor,
    @Args('answerId', { type: () => ID }) answerId: string,
  ): Promise<Bounty> {
    return toBounty(await this.bounties.awardBounty(actor, answerId));
  }

  @ResolveField(() => Bounty, { nullable: true, description: 'The open bounty on this question, if any.' })
  async bounty(@Parent() thread: Thread): Promise<Bounty | null> {
    const record = await this.bounties.openBountyOn(new Types.ObjectId(thread.id));
    return record ? toBounty(record) : null;
  }
}
