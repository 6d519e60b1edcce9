import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageArgs } from '@helpboard/core';
import { ThreadSort } from '../thread.model.js';

@InputType({ description: 'A new question.' })
export class AskQuestionInput {
  @Field({ description: 'Board to ask on.' })
  @IsString()
  @MaxLength(40)
  boardSlug!: string;

  @Field({ description: 'A specific summary of the problem, 15–150 characters.' })
  @IsString()
  @MaxLength(300)
  title!: string;

  @Field({ description: 'The details, in Markdown (20–30,000 characters).' })
  @IsString()
  @MaxLength(30_000)
  body!: string;

  @Field(() => [String], { description: '1–5 tags.' })
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(35, { each: true })
  tags!: string[];
}

@InputType({ description: 'A new version of a post. Title and tags apply to questions only.' })
export class EditPostInput {
  @Field(() => ID)
  @IsString()
  postId!: string;

  @Field({ description: 'The full new body, in Markdown.' })
  @IsString()
  @MaxLength(30_000)
  body!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(35, { each: true })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'What changed and why (shown in the revision history).' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  summary?: string | null;
}

@ArgsType()
export class ThreadsArgs extends PageArgs {
  @Field({ description: 'Board whose threads to list.' })
  boardSlug!: string;

  @Field(() => ThreadSort, { defaultValue: ThreadSort.ACTIVE })
  sort!: ThreadSort;

  @Field(() => String, { nullable: true, description: 'Only threads with this tag.' })
  tag?: string | null;
}
