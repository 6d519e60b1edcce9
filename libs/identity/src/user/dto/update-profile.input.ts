import { Field, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { UserLocaleValue } from '../user.model.js';

@InputType({ description: 'Profile fields to change; omitted fields stay as they are.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: 'Name shown on posts (1–50 characters).' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'Short self-description (up to 500 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  bio?: string | null;

  @Field(() => UserLocaleValue, { nullable: true, description: 'Preferred language.' })
  @IsOptional()
  @IsIn(['en', 'zh-CN'])
  locale?: 'en' | 'zh-CN' | null;

  @Field(() => String, { nullable: true, description: 'Where you are (up to 50 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'Avatar image URL; must be https.' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  avatarUrl?: string | null;
}
