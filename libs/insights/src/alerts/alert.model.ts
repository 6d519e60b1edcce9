// GraphQL shapes of early-warning alerts and trending topics.
import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';
import { PageArgs } from '@helpboard/core';
import { TopicKind, TrendWindow } from '../signals/trending.service.js';
import { AlertKind } from './alert.schema.js';

registerEnumType(AlertKind, {
  name: 'AlertKind',
  description: 'What the early-warning detector saw.',
  valuesMap: {
    QUESTION_SPIKE: { description: 'Many more questions on one tag this hour than its trailing 24-hour baseline.' },
    NEGATIVE_BURST: { description: 'Many more negative posts (on a tag, or the board) than usual.' },
    INFLUENTIAL_NEGATIVE: { description: 'A user with high reputation, usually positive, posted something negative.' },
  },
});
registerEnumType(TrendWindow, { name: 'TrendWindow', description: 'The latest hour, day or week.' });
registerEnumType(TopicKind, { name: 'TopicKind', description: 'A board tag or a word from posts.' });

@ObjectType({ description: 'A thread behind an alert.' })
export class AlertThreadInfo {
  @Field(() => ID, { description: 'The thread.' }) threadId!: string;
  @Field({ description: 'Its title when the alert was raised.' }) title!: string;
}

@ObjectType({ description: 'An early warning for the operator’s staff, with the threads that caused it.' })
export class Alert {
  @Field(() => ID, { description: 'The alert.' }) id!: string;
  @Field(() => AlertKind, { description: 'What was seen first.' }) kind!: AlertKind;
  @Field(() => [AlertKind], { description: 'Every signal seen in this episode.' }) signals!: AlertKind[];
  @Field({ description: 'The board.' }) boardSlug!: string;
  @Field(() => String, { nullable: true, description: 'The tag, for tag alerts.' }) tag!: string | null;
  @Field(() => ID, { nullable: true, description: 'The user, for influential-user alerts.' }) userId!: string | null;
  @Field({ description: 'The hour (UTC) the episode started in.' }) hourStart!: Date;
  @Field(() => Float, {
    description: 'Posts or questions in the hour (spikes, bursts), or the post’s sentiment (influential users).',
  })
  observed!: number;
  @Field(() => Float, { description: 'The trailing hourly mean, or the user’s usual sentiment.' }) baseline!: number;
  @Field(() => [AlertThreadInfo], { description: 'The threads that caused it (at most 20), newest first.' })
  threads!: AlertThreadInfo[];
  @Field({ description: 'When it was raised.' }) raisedAt!: Date;
  @Field({ description: 'When evidence was last added.' }) updatedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When staff acknowledged it.' }) acknowledgedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The acknowledging note.' }) note!: string | null;
}

@ArgsType()
export class AlertsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'A board (its staff, moderators and owners).' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  boardSlug?: string | null;

  @Field(() => String, { nullable: true, description: 'Or every board of an operator (its admins). Give exactly one.' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  operatorSlug?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only acknowledged (true) or open (false) alerts; all if unset.',
  })
  @IsOptional()
  isAcknowledged?: boolean | null;
}

@ObjectType({ description: 'A tag or term rising on a board.' })
export class TrendingTopicInfo {
  @Field(() => TopicKind, { description: 'Tag or term.' }) kind!: TopicKind;
  @Field({ description: 'The tag or term.' }) name!: string;
  @Field(() => Int, { description: 'Questions (tags) or posts (terms) in the window.' }) count!: number;
  @Field(() => Float, { description: 'Mean per window over the four windows before.' }) baseline!: number;
  @Field(() => Float, { description: '(count + 1) / (baseline + 1); at least 2 to be listed.' }) rise!: number;
}
