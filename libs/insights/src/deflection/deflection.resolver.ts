import { Args, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, SignedIn } from '@helpboard/core';
import { DeflectionService } from './deflection.service.js';

@ObjectType({ description: 'What the “you may be asking” suggestions achieved on a board in a period.' })
export class DeflectionSummary {
  @Field(() => Int, { description: 'Times suggestions were shown while someone drafted a question.' })
  suggestionsShown!: number;
  @Field(() => Int, { description: 'Of those, times the user opened a suggestion.' }) suggestionOpened!: number;
  @Field(() => Int, { description: 'Times the user asked anyway.' }) askedAnyway!: number;
  @Field(() => Int, { description: 'Times the user did not ask within 30 minutes: deflected to self-service.' })
  deflected!: number;
  @Field(() => Int, { description: 'Deflections where the user had opened a suggestion.' })
  deflectedAfterOpening!: number;
  @Field(() => Int, { description: 'Too recent to tell.' }) pending!: number;
}

@Resolver(() => DeflectionSummary)
export class DeflectionResolver {
  constructor(private readonly deflection: DeflectionService) {}

  @SignedIn()
  @Mutation(() => ID, {
    description:
      'The ask flow showed `similarQuestions` for a draft: record it, and get the id to report opened suggestions with.',
  })
  recordSuggestionsShown(
    @CurrentActor() actor: Actor,
    @Args('boardSlug', { description: 'The board the question is for.' }) boardSlug: string,
    @Args('title', { description: 'The draft title.' }) title: string,
    @Args('threadIds', { type: () => [ID], description: 'The suggested threads, as shown (up to 10).' })
    threadIds: string[],
  ): Promise<string> {
    return this.deflection.suggestionsShown(actor, boardSlug, title, threadIds);
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'The user opened one of the suggestions shown.' })
  async recordSuggestionOpened(
    @CurrentActor() actor: Actor,
    @Args('askSessionId', { type: () => ID, description: 'From `recordSuggestionsShown`.' }) askSessionId: string,
    @Args('threadId', { type: () => ID, description: 'The suggestion opened.' }) threadId: string,
  ): Promise<boolean> {
    await this.deflection.suggestionOpened(actor, askSessionId, threadId);
    return true;
  }

  @SignedIn()
  @Query(() => DeflectionSummary, { description: "A board's deflection counts (staff, moderators, owners)." })
  deflectionSummary(
    @CurrentActor() actor: Actor,
    @Args('boardSlug', { description: 'The board.' }) boardSlug: string,
    @Args('from', { description: 'Suggestions shown from this time…' }) from: Date,
    @Args('to', { description: '…until before this time.' }) to: Date,
  ): Promise<DeflectionSummary> {
    return this.deflection.summary(actor, boardSlug, from, to);
  }
}
