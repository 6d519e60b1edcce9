import { Args, Field, Float, ID, ObjectType, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, SignedIn } from '@helpboard/core';
import { PostSignalService } from './post-signal.service.js';
import { SignalPostKind } from './post-signal.schema.js';

registerEnumType(SignalPostKind, { name: 'SignalPostKind', description: 'What kind of post was scored.' });

@ObjectType({ description: "A post's tone and urgency, scored when it was written." })
export class PostSignalInfo {
  @Field(() => ID, { description: 'The question, answer or comment.' }) postId!: string;
  @Field(() => SignalPostKind, { description: 'Question, answer or comment.' }) kind!: SignalPostKind;
  @Field({ description: 'Language scored: en or zh.' }) language!: string;
  @Field(() => Float, { description: 'Tone from -1 (very negative) to +1 (very positive).' }) sentiment!: number;
  @Field({ description: 'Whether it counts as negative (sentiment ≤ -0.3).' }) isNegative!: boolean;
  @Field(() => Float, { description: 'Urgency from 0 to 1 (urgent words: outage, refund, 投诉, 断网…).' })
  urgency!: number;
  @Field(() => [String], { description: 'The urgent words found.' }) urgentTerms!: string[];
  @Field({ description: 'When it was written.' }) at!: Date;
}

@Resolver(() => PostSignalInfo)
export class PostSignalResolver {
  constructor(private readonly signals: PostSignalService) {}

  @SignedIn()
  @Query(() => [PostSignalInfo], {
    description: "The scores of a thread's posts, oldest first (the board's staff and moderators).",
    complexity: 20,
  })
  async threadSignals(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID, description: 'The thread.' }) threadId: string,
  ): Promise<PostSignalInfo[]> {
    return (await this.signals.ofThread(actor, threadId)).map((signal) => ({
      postId: signal.postId.toHexString(),
      kind: signal.kind,
      language: signal.language,
      sentiment: signal.sentiment,
      isNegative: signal.isNegative,
      urgency: signal.urgency,
      urgentTerms: signal.urgentTerms,
      at: signal.at,
    }));
  }
}
