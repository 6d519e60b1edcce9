// GraphQL shapes of the operator's numbers (`boardInsights`).
import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';
import { InsightGranularity } from './board-insights.service.js';

registerEnumType(InsightGranularity, {
  name: 'InsightGranularity',
  description: 'How the series is cut: UTC days, ISO weeks (from Monday) or calendar months.',
});

@ObjectType({ description: 'A distribution of durations, from histogram buckets (exact to the bucket width).' })
export class DurationFigures {
  @Field(() => Int, { nullable: true, description: 'Median, in seconds; null when nothing was measured.' })
  median!: number | null;
  @Field(() => Int, { nullable: true, description: '90th percentile, in seconds.' }) p90!: number | null;
  @Field(() => Int, { description: 'How many durations were measured.' }) count!: number;
}

@ObjectType({ description: "Staff members' work, measured apart from peers'." })
export class StaffFigures {
  @Field(() => Int, { description: 'Answers by staff.' }) answers!: number;
  @Field(() => Int, { description: 'Official answers by staff.' }) officialAnswers!: number;
  @Field(() => Int, { description: 'Staff answers accepted by their asker.' }) acceptedAnswers!: number;
  @Field(() => Float, { description: 'Accepted answers per staff answer (0–1).' }) acceptedRate!: number;
  @Field(() => DurationFigures, { description: 'From a question to its first staff answer.' })
  firstResponse!: DurationFigures;
  @Field(() => Int, { description: 'Support cases solved.' }) casesSolved!: number;
}

@ObjectType({ description: 'Peers’ (non-staff users’) answering.' })
export class PeerFigures {
  @Field(() => Int, { description: 'Answers by peers and experts.' }) answers!: number;
  @Field(() => Int, { description: 'Peer answers accepted by their asker.' }) acceptedAnswers!: number;
  @Field(() => Float, { description: 'Accepted answers per peer answer (0–1).' }) acceptedRate!: number;
}

@ObjectType({
  description:
    'Figures of a period. Resolutions and response times count toward the period the question was asked in; ' +
    'shares are of all needs met or raised (questions plus self-service).',
})
export class InsightFigures {
  @Field(() => Int, { description: 'Questions asked.' }) questions!: number;
  @Field(() => Int, { description: 'Answers posted.' }) answers!: number;
  @Field(() => Int, { description: 'Comments posted.' }) comments!: number;
  @Field(() => Int, { description: 'Asks abandoned after "you may be asking" suggestions (deflected).' })
  deflectedAsks!: number;
  @Field(() => Int, { description: 'Opens of answers staff shared through other channels.' }) shareOpens!: number;
  @Field(() => Int, { description: 'Deflected asks plus shared-answer opens.' }) resolvedBySelfService!: number;
  @Field(() => Int, { description: 'Questions resolved by an accepted or official answer from a peer.' })
  resolvedByPeers!: number;
  @Field(() => Int, { description: 'Questions resolved by a staff answer or a solved support case.' })
  resolvedByStaff!: number;
  @Field(() => Int, { description: 'Questions not resolved (yet).' }) unresolved!: number;
  @Field(() => Float, { description: 'Share resolved by self-service (0–1).' }) selfServiceShare!: number;
  @Field(() => Float, { description: 'Share resolved by peers (0–1).' }) peerShare!: number;
  @Field(() => Float, { description: 'Share resolved by staff (0–1).' }) staffShare!: number;
  @Field(() => Float, { description: 'Share still unresolved (0–1).' }) unresolvedShare!: number;
  @Field(() => DurationFigures, { description: 'From a question to its first answer by someone else.' })
  timeToFirstAnswer!: DurationFigures;
  @Field(() => DurationFigures, { description: 'From a question to its resolution.' })
  timeToResolution!: DurationFigures;
  @Field(() => Int, { description: "Questions that reached the experts because the board's SLA ran out." })
  slaBreachesExperts!: number;
  @Field(() => Int, { description: 'Questions that reached the staff queue because the SLA ran out.' })
  slaBreachesStaff!: number;
  @Field(() => Int, { description: 'Questions sent straight to staff by a NEEDS_STAFF flag.' })
  flaggedForStaff!: number;
  @Field(() => Int, { description: 'Support cases opened.' }) casesOpened!: number;
  @Field(() => Int, { description: 'Support cases solved.' }) casesSolved!: number;
  @Field(() => Int, { description: 'Posts scored negative.' }) negativePosts!: number;
  @Field(() => Int, { description: 'Posts with urgent words (outage, refund, 投诉…).' }) urgentPosts!: number;
  @Field(() => StaffFigures, { description: 'Staff KPIs.' }) staff!: StaffFigures;
  @Field(() => PeerFigures, { description: 'Peer KPIs.' }) peers!: PeerFigures;
}

@ObjectType({ description: 'One period of the series.' })
export class InsightPeriod {
  @Field({ description: 'Start of the period (UTC).' }) start!: Date;
  @Field(() => InsightFigures, { description: 'Its figures.' }) figures!: InsightFigures;
}

@ObjectType({ description: "A board's or an operator's service numbers, from pre-aggregated buckets." })
export class BoardInsights {
  @Field({ description: 'BOARD or OPERATOR.' }) scopeKind!: string;
  @Field({ description: 'The board or operator slug.' }) slug!: string;
  @Field({ description: 'Start of the first whole UTC day covered.' }) from!: Date;
  @Field({ description: 'End (exclusive) of the last whole UTC day covered.' }) to!: Date;
  @Field(() => InsightGranularity, { description: 'How the series is cut.' }) granularity!: InsightGranularity;
  @Field(() => InsightFigures, { description: 'The whole range.' }) totals!: InsightFigures;
  @Field(() => [InsightPeriod], { description: 'Periods with activity, oldest first.' }) series!: InsightPeriod[];
}

@ArgsType()
export class BoardInsightsArgs {
  @Field(() => String, { nullable: true, description: 'A board (its staff, moderators and owners; operator admins).' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  boardSlug?: string | null;

  @Field(() => String, { nullable: true, description: 'Or a whole operator (its admins). Give exactly one.' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  operatorSlug?: string | null;

  @Field({ description: 'Start; widened to the start of its UTC day.' }) from!: Date;
  @Field({ description: 'End (exclusive); widened to the end of its UTC day. At most 1,100 days after `from`.' })
  to!: Date;

  @Field(() => InsightGranularity, { defaultValue: InsightGranularity.DAY, description: 'How to cut the series.' })
  granularity!: InsightGranularity;
}
