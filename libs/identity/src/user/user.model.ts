import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum UserLocaleValue {
  EN = 'en',
  ZH_CN = 'zh-CN',
}
registerEnumType(UserLocaleValue, { name: 'Locale', description: 'A language the interface is offered in.' });

@ObjectType({ description: 'A person with an account: asker, answerer, rep, moderator or admin.' })
export class User {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Public, unique handle (@handle).' })
  handle!: string;

  @Field({ description: 'Name shown on posts.' })
  displayName!: string;

  @Field({ description: 'Short self-description.' })
  bio!: string;

  @Field(() => UserLocaleValue, { description: 'Preferred language.' })
  locale!: UserLocaleValue;

  @Field(() => String, { nullable: true, description: 'Where the user is, as they describe it.' })
  region!: string | null;

  @Field(() => String, { nullable: true, description: 'Avatar image (https).' })
  avatarUrl!: string | null;

  @Field({ description: 'Whether the user administers the whole platform.' })
  isPlatformAdmin!: boolean;

  @Field({ description: 'Whether the user is currently suspended (may read, not write).' })
  isSuspended!: boolean;

  @Field({ description: 'When the account was created.' })
  createdAt!: Date;

  /** Resolved by a field resolver: only the user and platform admins see it. */
  email?: string | null;
}

@ObjectType({ description: 'Tokens for a signed-in session.' })
export class AuthPayload {
  @Field({
    description:
      'Bearer token for `Authorization: Bearer …` (HTTP) or `authorization` in WebSocket connection params. Valid 15 minutes.',
  })
  accessToken!: string;

  @Field({ description: 'When the access token expires.' })
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Single-use token for `refreshSession`; each use returns a new one.' })
  refreshToken!: string;

  @Field(() => User, { description: 'The signed-in user.' })
  user!: User;
}
