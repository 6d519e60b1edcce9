// GraphQL shapes of board settings: the effective values (output) and partial overrides (input).
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type BoardLanguage, RemoteImages } from './board-settings.js';

registerEnumType(RemoteImages, {
  name: 'RemoteImages',
  description: 'How posts show images from other sites: as images, or as links (nothing fetched).',
});

@ObjectType({ description: 'How posts are shown.' })
export class ContentSettings {
  @Field(() => RemoteImages, {
    nullable: true,
    description:
      "Images from other sites tell their host who read the post: ALLOW shows them, LINK shows links. null: the board's default (LINK on private boards, ALLOW on public ones).",
  })
  remoteImages!: RemoteImages | null;

  @Field(() => [String], {
    description:
      'The languages people write in on this board, the main one first (BCP 47 tags from a supported list: en, zh-CN, zh-TW, ja, ko, de, fr, es, it, pt-BR, nl, pl, ru, tr, ar, hi, id, th, vi; 1–5).',
  })
  languages!: string[];
}

@ObjectType({ description: 'Reputation points each event gives or takes on this board.' })
export class ReputationRules {
  @Field(() => Int, { description: 'Given to the asker per upvote on a question.' }) questionUpvote!: number;
  @Field(() => Int, { description: 'Given to the answerer per upvote on an answer.' }) answerUpvote!: number;
  @Field(() => Int, { description: 'Taken from the author per downvote (negative).' }) postDownvote!: number;
  @Field(() => Int, { description: 'Taken from a voter who downvotes an answer (negative).' }) downvoteCost!: number;
  @Field(() => Int, { description: 'Given to the answerer when the asker accepts.' }) answerAccepted!: number;
  @Field(() => Int, { description: 'Given to the asker for accepting an answer.' }) acceptorBonus!: number;
  @Field(() => Int, { description: 'Given to the author when staff mark an answer official.' }) officialAnswer!: number;
  @Field(() => Int, { description: 'Most reputation a user can gain from votes per UTC day.' }) dailyVoteCap!: number;
}

@ObjectType({ description: 'Reputation needed for each privilege on this board.' })
export class PrivilegeThresholds {
  @Field(() => Int) upvote!: number;
  @Field(() => Int) flag!: number;
  @Field(() => Int) comment!: number;
  @Field(() => Int) downvote!: number;
  @Field(() => Int, { description: 'Posting links without review.' }) postLinks!: number;
  @Field(() => Int, { description: 'Answering a question a moderator protected.' }) answerProtected!: number;
  @Field(() => Int) editOthersPosts!: number;
  @Field(() => Int, { description: "Seeing the board's review queues." }) reviewQueues!: number;
  @Field(() => Int, { description: 'Voting to close and reopen questions.' }) closeVotes!: number;
  @Field(() => Int, { description: "Moderation tools: the board's moderation log and hidden posts." })
  moderationTools!: number;
}

@ObjectType({ description: 'Which partner campaigns may be promoted on this board.' })
export class ReferralSettings {
  @Field(() => [String], { description: 'Ids of campaigns allowed here.' }) allowedCampaignIds!: string[];
}

@ObjectType({ description: 'When an unanswered question moves up the service tiers.' })
export class EscalationSettings {
  @Field(() => Int, { description: 'Minutes without an answer before experts are asked.' })
  expertsAfterMinutes!: number;
  @Field(() => Int, { description: 'Minutes without an answer before staff take over.' }) staffAfterMinutes!: number;
}

@ObjectType({ description: 'Thresholds moderators work with.' })
export class ModerationSettings {
  @Field(() => Float, { description: 'Flag weight at which a post is hidden pending review.' }) hideThreshold!: number;
  @Field(() => Int, { description: 'First posts of a new user that are reviewed.' }) reviewFirstPosts!: number;
  @Field(() => Int, { description: 'Posts with links by users under this reputation are reviewed.' })
  reviewLinksUnderReputation!: number;
  @Field(() => Int, {
    description: 'Such a post with at least this many links is held back (hidden) until a reviewer approves it.',
  })
  holdBackAtLinks!: number;
  @Field(() => Int, { description: 'Users under this reputation on the operator are new: hourly limits apply.' })
  newUserUnderReputation!: number;
  @Field(() => Int, { description: 'Questions a new user may ask per hour.' }) newUserQuestionsPerHour!: number;
  @Field(() => Int, { description: 'Answers a new user may post per hour.' }) newUserAnswersPerHour!: number;
  @Field(() => Int, { description: 'Comments a new user may add per hour.' }) newUserCommentsPerHour!: number;
  @Field(() => Int, { description: 'Flags a new user may raise per hour.' }) newUserFlagsPerHour!: number;
  @Field(() => Int, {
    description: 'Flags anyone may raise per UTC day (one more per 10 helpful flags, at most 100).',
  })
  flagsPerDay!: number;
}

@ObjectType({ description: 'What accounts with an unverified e-mail address may do on this board.' })
export class UnverifiedAccountSettings {
  @Field({ description: 'Accounts with an unverified e-mail address may answer.' }) mayAnswer!: boolean;
  @Field({ description: '…may comment.' }) mayComment!: boolean;
  @Field({ description: '…may vote.' }) mayVote!: boolean;
}

@ObjectType({ description: "A board's effective settings (defaults with the operator's overrides)." })
export class BoardSettings {
  @Field(() => ReputationRules) reputation!: ReputationRules;
  @Field(() => PrivilegeThresholds) privileges!: PrivilegeThresholds;
  @Field(() => ReferralSettings) referrals!: ReferralSettings;
  @Field(() => EscalationSettings) escalation!: EscalationSettings;
  @Field(() => ModerationSettings) moderation!: ModerationSettings;
  @Field(() => ContentSettings) content!: ContentSettings;
  @Field(() => UnverifiedAccountSettings, {
    description: 'What accounts with an unverified e-mail address may do, besides reading and asking (always allowed).',
  })
  unverifiedAccounts!: UnverifiedAccountSettings;
}

@InputType({ description: 'Reputation rule overrides; omitted fields keep their current value.' })
export class ReputationRulesInput {
  @Field(() => Int, { nullable: true }) questionUpvote?: number;
  @Field(() => Int, { nullable: true }) answerUpvote?: number;
  @Field(() => Int, { nullable: true }) postDownvote?: number;
  @Field(() => Int, { nullable: true }) downvoteCost?: number;
  @Field(() => Int, { nullable: true }) answerAccepted?: number;
  @Field(() => Int, { nullable: true }) acceptorBonus?: number;
  @Field(() => Int, { nullable: true }) officialAnswer?: number;
  @Field(() => Int, { nullable: true }) dailyVoteCap?: number;
}

@InputType({ description: 'Privilege threshold overrides.' })
export class PrivilegeThresholdsInput {
  @Field(() => Int, { nullable: true }) upvote?: number;
  @Field(() => Int, { nullable: true }) flag?: number;
  @Field(() => Int, { nullable: true }) comment?: number;
  @Field(() => Int, { nullable: true }) downvote?: number;
  @Field(() => Int, { nullable: true }) postLinks?: number;
  @Field(() => Int, { nullable: true }) answerProtected?: number;
  @Field(() => Int, { nullable: true }) editOthersPosts?: number;
  @Field(() => Int, { nullable: true }) reviewQueues?: number;
  @Field(() => Int, { nullable: true }) closeVotes?: number;
  @Field(() => Int, { nullable: true }) moderationTools?: number;
}

@InputType({ description: 'Referral settings overrides.' })
export class ReferralSettingsInput {
  @Field(() => [String], { nullable: true }) allowedCampaignIds?: string[];
}

@InputType({ description: 'Escalation overrides.' })
export class EscalationSettingsInput {
  @Field(() => Int, { nullable: true }) expertsAfterMinutes?: number;
  @Field(() => Int, { nullable: true }) staffAfterMinutes?: number;
}

@InputType({ description: 'Moderation overrides.' })
export class ModerationSettingsInput {
  @Field(() => Float, { nullable: true }) hideThreshold?: number;
  @Field(() => Int, { nullable: true }) reviewFirstPosts?: number;
  @Field(() => Int, { nullable: true }) reviewLinksUnderReputation?: number;
  @Field(() => Int, { nullable: true }) holdBackAtLinks?: number;
  @Field(() => Int, { nullable: true }) newUserUnderReputation?: number;
  @Field(() => Int, { nullable: true }) newUserQuestionsPerHour?: number;
  @Field(() => Int, { nullable: true }) newUserAnswersPerHour?: number;
  @Field(() => Int, { nullable: true }) newUserCommentsPerHour?: number;
  @Field(() => Int, { nullable: true }) newUserFlagsPerHour?: number;
  @Field(() => Int, { nullable: true }) flagsPerDay?: number;
}

@InputType({ description: 'Content overrides.' })
export class ContentSettingsInput {
  @Field(() => RemoteImages, { nullable: true }) remoteImages?: RemoteImages;
  /** Typed as the supported tags, checked against them with the other settings (settingsProblems). */
  @Field(() => [String], { nullable: true, description: 'Replaces the list; validated against the supported tags.' })
  languages?: BoardLanguage[];
}

@InputType({ description: 'Overrides of what unverified accounts may do.' })
export class UnverifiedAccountSettingsInput {
  @Field(() => Boolean, { nullable: true }) mayAnswer?: boolean;
  @Field(() => Boolean, { nullable: true }) mayComment?: boolean;
  @Field(() => Boolean, { nullable: true }) mayVote?: boolean;
}

@InputType({ description: 'Setting overrides, by group; validated together.' })
export class BoardSettingsInput {
  @Field(() => ReputationRulesInput, { nullable: true }) reputation?: ReputationRulesInput;
  @Field(() => PrivilegeThresholdsInput, { nullable: true }) privileges?: PrivilegeThresholdsInput;
  @Field(() => ReferralSettingsInput, { nullable: true }) referrals?: ReferralSettingsInput;
  @Field(() => EscalationSettingsInput, { nullable: true }) escalation?: EscalationSettingsInput;
  @Field(() => ModerationSettingsInput, { nullable: true }) moderation?: ModerationSettingsInput;
  @Field(() => ContentSettingsInput, { nullable: true }) content?: ContentSettingsInput;
  @Field(() => UnverifiedAccountSettingsInput, { nullable: true }) unverifiedAccounts?: UnverifiedAccountSettingsInput;
}
