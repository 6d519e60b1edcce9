import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { BoardVisibility } from '../../permissions/board-permissions.js';
import { BoardSettingsInput } from '../../settings/board-settings.model.js';
import { BoardKind } from '../board.schema.js';

@InputType({ description: 'A new special board (专版).' })
export class CreateBoardInput {
  @Field({ description: 'Slug of the operator that runs the board.' })
  @IsString()
  @Length(3, 40)
  operatorSlug!: string;

  @Field({ description: 'Unique URL name: 3–40 of a-z, 0-9 and "-".' })
  @IsString()
  @Length(3, 40)
  slug!: string;

  @Field({ description: 'Title shown to readers (2–80 characters).' })
  @IsString()
  @Length(2, 80)
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the board is for (up to 2,000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => BoardKind, { description: 'Region, product, interest or campaign.' })
  kind!: BoardKind;

  @Field(() => String, { nullable: true, description: 'Region the board serves, e.g. "Shanghai".' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  region?: string | null;

  @Field(() => [String], { nullable: true, description: 'Suggested tags (up to 50).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 35, { each: true })
  tags?: string[] | null;

  @Field(() => BoardVisibility, { nullable: true, description: 'PUBLIC (default) or PRIVATE (members only).' })
  @IsOptional()
  visibility?: BoardVisibility | null;

  @Field(() => BoardSettingsInput, { nullable: true, description: 'Overrides of the default settings.' })
  @IsOptional()
  settings?: BoardSettingsInput | null;
}

@InputType({ description: 'Changes to a board; omitted fields stay as they are.' })
export class UpdateBoardInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(2, 80)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  region?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 35, { each: true })
  tags?: string[] | null;

  @Field(() => BoardSettingsInput, { nullable: true, description: 'Setting overrides to merge into the current ones.' })
  @IsOptional()
  settings?: BoardSettingsInput | null;
}
