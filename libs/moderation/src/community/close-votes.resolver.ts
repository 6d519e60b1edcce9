import { Args, Field, ID, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, SignedIn } from '@helpboard/core';
import { Thread, toThread } from '@helpboard/threads';
import { CloseReason } from '../moderation.service.js';
import { type CommunityVoteTally, CloseVotesService } from './close-votes.service.js';

@ObjectType({ description: 'Where a community vote to close or reopen a question stands after yours.' })
export class CommunityVoteResult {
  @Field(() => Thread, { description: 'The thread, closed or reopened if yours was the deciding vote.' })
  thread!: Thread;
  @Field(() => Int, { description: 'Votes cast in this round (including yours).' }) votes!: number;
  @Field(() => Int, { description: 'Votes that decide.' }) needed!: number;
}

const toResult = (tally: CommunityVoteTally): CommunityVoteResult => ({ ...tally, thread: toThread(tally.thread) });

@Resolver()
export class CloseVotesResolver {
  constructor(private readonly closeVotes: CloseVotesService) {}

  @SignedIn()
  @Mutation(() => CommunityVoteResult, {
    description:
      'Vote to close a question (the close-votes privilege, 3,000 by default); the third vote closes it with the reason most chose. A moderator’s vote is binding.',
  })
  async voteToClose(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('reason', { type: () => CloseReason }) reason: CloseReason,
    @Args('duplicateOfId', { type: () => ID, nullable: true }) duplicateOfId: string | null,
  ): Promise<CommunityVoteResult> {
    return toResult(await this.closeVotes.voteToClose(actor, threadId, reason, duplicateOfId));
  }

  @SignedIn()
  @Mutation(() => CommunityVoteResult, {
    description: 'Vote to reopen a closed question (the close-votes privilege); the third vote reopens it.',
  })
  async voteToReopen(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
  ): Promise<CommunityVoteResult> {
    return toResult(await this.closeVotes.voteToReopen(actor, threadId));
  }
}
