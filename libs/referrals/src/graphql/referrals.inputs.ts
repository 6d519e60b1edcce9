import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { CommissionKind } from '../money/commission-rule.js';

@InputType({ description: 'A new partner of an operator.' })
export class CreatePartnerInput {
  @Field({ description: 'The operator (you must administer it).' }) operatorSlug!: string;
  @Field({ description: 'Display name, 2–100 characters.' }) name!: string;
}

@InputType({ description: 'What one conversion pays.' })
export class CommissionRuleInput {
  @Field(() => CommissionKind, { description: 'FIXED or PERCENT.' }) kind!: CommissionKind;
  @Field(() => Int, { nullable: true, description: 'FIXED: integer minor units per conversion.' })
  amountMinor?: number | null;
  @Field(() => Int, { nullable: true, description: 'PERCENT: basis points, 1–10000 (1250 = 12.5 %).' })
  basisPoints?: number | null;
  @Field({ description: 'ISO 4217 currency code.' }) currency!: string;
}

@InputType({ description: 'A new campaign (created as DRAFT).' })
export class CreateCampaignInput {
  @Field(() => ID, { description: 'The paying partner.' }) partnerId!: string;
  @Field({ description: 'Display name, 2–120 characters.' }) name!: string;
  @Field(() => [String], { description: "Boards of the partner's operator where it may run." }) boardSlugs!: string[];
  @Field({ description: 'https landing URL.' }) landingUrl!: string;
  @Field(() => CommissionRuleInput, { description: 'What a conversion pays.' }) commission!: CommissionRuleInput;
  @Field(() => Int, { nullable: true, description: 'Days (default 30); the last click within it wins.' })
  attributionWindowDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Days a commission is held before approval (default 30).' })
  holdDays?: number | null;
}

@InputType({ description: 'A personal referral link.' })
export class CreateReferralLinkInput {
  @Field(() => ID, { description: 'The campaign (must be active and allowed on the board).' }) campaignId!: string;
  @Field(() => ID, { nullable: true, description: 'Your answer the link goes in; its board is used.' })
  answerId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The board, when no answer is given and the campaign runs on several.',
  })
  boardSlug?: string | null;
}
