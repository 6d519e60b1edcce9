// GraphQL shapes of the escalation ladder and support cases.
import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { PageArgs } from '@helpboard/core';
import { SupportCaseState } from './case/support-case.schema.js';
import { EscalationTier } from './escalation/escalation.schema.js';

registerEnumType(EscalationTier, {
  name: 'EscalationTier',
  description: 'How far up the service tiers a question went.',
});
registerEnumType(SupportCaseState, { name: 'SupportCaseState', description: 'Where a support case stands.' });

@ObjectType({ description: 'One step of a question up the service tiers.' })
export class EscalationStepInfo {
  @Field(() => EscalationTier, { description: 'The tier reached.' }) step!: EscalationTier;
  @Field({ description: "When it was due by the board's settings." }) dueAt!: Date;
  @Field({ description: 'When it was taken.' }) at!: Date;
  @Field({ description: 'Why: SLA, NEEDS_STAFF, or the reason staff gave for a case.' }) reason!: string;
}

@ObjectType({ description: 'A question waiting in an escalation queue.' })
export class EscalatedQuestion {
  @Field(() => ID, { description: 'The thread.' }) threadId!: string;
  @Field({ description: 'Its title.' }) title!: string;
  @Field(() => EscalationTier, { description: 'The tier it is at.' }) tier!: EscalationTier;
  @Field({ description: 'When it was asked.' }) askedAt!: Date;
  @Field({ description: 'When it reached this tier.' }) escalatedAt!: Date;
  @Field({ description: 'Whether the asker wants help until an answer is accepted.' }) untilAccepted!: boolean;
  @Field(() => [EscalationStepInfo], { description: 'Every step so far, oldest first.' }) steps!: EscalationStepInfo[];
}

@ObjectType({ description: 'A question staff handle privately; seen only by the asker, board staff and moderators.' })
export class SupportCase {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The public thread it came from.' }) threadId!: string;
  @Field(() => SupportCaseState, { description: 'Open, waiting on the customer, or solved.' }) state!: SupportCaseState;
  @Field({ description: 'Why staff took it private.' }) reason!: string;
  @Field({ description: 'When the case was opened.' }) openedAt!: Date;
  @Field({ description: 'When its state last changed.' }) updatedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was solved.' }) solvedAt!: Date | null;
}

@ArgsType()
export class EscalationQueueArgs extends PageArgs {
  @Field({ description: 'The board.' })
  @IsString()
  @Length(1, 40)
  boardSlug!: string;

  @Field(() => EscalationTier, { description: 'EXPERTS, STAFF or CASE.' })
  tier!: EscalationTier;
}
