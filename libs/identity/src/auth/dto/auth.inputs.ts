import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { UserLocaleValue } from '../../user/user.model.js';

@InputType({ description: 'A new account.' })
export class RegisterInput {
  @Field({ description: 'E-mail address; used to sign in, never shown to others.' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Field({ description: 'Public handle, 3–30 of letters, digits, "_" and "-"; unique regardless of case.' })
  @IsString()
  @MaxLength(64)
  handle!: string;

  @Field({ description: 'At least 10 characters, not a common password.' })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @Field(() => String, { nullable: true, description: 'Name shown on posts; defaults to the handle.' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  displayName?: string | null;

  @Field(() => UserLocaleValue, { nullable: true, description: 'Preferred language.' })
  @IsOptional()
  @IsIn(['en', 'zh-CN'])
  locale?: 'en' | 'zh-CN' | null;
}

@InputType({ description: 'Credentials to sign in with.' })
export class LoginInput {
  @Field({ description: 'The account e-mail or handle.' })
  @IsString()
  @Length(1, 254)
  emailOrHandle!: string;

  @Field()
  @IsString()
  @Length(1, 1024)
  password!: string;
}

@InputType({ description: 'Change the password; every other session is signed out.' })
export class ChangePasswordInput {
  @Field()
  @IsString()
  @Length(1, 1024)
  currentPassword!: string;

  @Field()
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}
