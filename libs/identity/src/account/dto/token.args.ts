import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

/** The token of an e-mailed account link. */
@ArgsType()
export class TokenArgs {
  @Field({ description: 'The token from the e-mailed link (its `token` query parameter).' })
  @IsString()
  @MaxLength(200)
  token!: string;
}
