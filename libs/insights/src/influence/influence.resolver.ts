import { Args, Field, ID, Int, ObjectType, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, InvalidInputError, SignedIn } from '@helpboard/core';
import { InfluenceMeasure, InfluencePeriod, InfluenceService } from './influence.service.js';

registerEnumType(InfluencePeriod, {
  name: 'InfluencePeriod',
  description: 'This calendar week (ISO), month or year in UTC, or all time.',
});
registerEnumType(InfluenceMeasure, { name: 'InfluenceMeasure', description: 'What to rank influencers by.' });

@ObjectType({ description: 'A user and what makes them influential on an operator’s boards in the period.' })
export class Influencer {
  @Field(() => ID, { description: 'The user.' }) userId!: string;
  @Field({ description: 'Their handle.' }) handle!: string;
  @Field(() => Int, { description: 'Views of threads they answered, since their answer.' }) answerViews!: number;
  @Field(() => Int, { description: 'Answers posted.' }) answers!: number;
  @Field(() => Int, { description: 'Answers accepted by their asker.' }) acceptedAnswers!: number;
  @Field(() => Int, { description: 'People who followed a thread they answered.' }) followers!: number;
  @Field(() => Int, { description: 'Reputation gained on the operator’s boards.' }) reputationGained!: number;
}

@ObjectType({ description: 'Influencers, staff and peers ranked separately.' })
export class Influencers {
  @Field(() => [Influencer], { description: 'Board staff and operator admins.' }) staff!: Influencer[];
  @Field(() => [Influencer], { description: 'Everyone else (peers and experts).' }) peers!: Influencer[];
}

const MAX = 50;

@Resolver(() => Influencers)
export class InfluenceResolver {
  constructor(private readonly influence: InfluenceService) {}

  @SignedIn()
  @Query(() => Influencers, {
    description: 'The users an operator wants to recognise or talk to first (its admins).',
    complexity: 50,
  })
  async influencers(
    @CurrentActor() actor: Actor,
    @Args('operatorSlug', { description: 'The operator.' }) operatorSlug: string,
    @Args('period', { type: () => InfluencePeriod, defaultValue: InfluencePeriod.MONTH, description: 'The period.' })
    period: InfluencePeriod,
    @Args('by', {
      type: () => InfluenceMeasure,
      defaultValue: InfluenceMeasure.ACCEPTED_ANSWERS,
      description: 'What to rank by.',
    })
    by: InfluenceMeasure,
    @Args('first', { type: () => Int, defaultValue: 10, description: 'How many of each group (1–50).' }) first: number,
  ): Promise<Influencers> {
    if (!Number.isInteger(first) || first < 1 || first > MAX) {
      throw new InvalidInputError([
        { field: 'first', message: 'PAGE_SIZE_OUT_OF_RANGE', params: { min: 1, max: MAX } },
      ]);
    }
    return this.influence.influencers(actor, operatorSlug, period, by, first);
  }
}
