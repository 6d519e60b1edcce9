import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { PageArgs } from '@helpboard/core';
import { ShareChannel } from './answer-share.schema.js';

registerEnumType(ShareChannel, { name: 'ShareChannel', description: 'Where staff send a shared answer.' });

@ObjectType({ description: 'A short link to an answer that staff sent through another channel, with its opens.' })
export class AnswerShare {
  @Field({ description: 'The short code.' }) code!: string;
  @Field({ description: 'The short link (`/s/<code>`); the same each time you share this answer on this channel.' })
  url!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Text to send: the start of the answer and the link (only in the `shareAnswer` result).',
  })
  snippet!: string | null;
  @Field(() => ShareChannel, { description: 'Where it was sent.' }) channel!: ShareChannel;
  @Field(() => ID, { description: 'The answer.' }) answerId!: string;
  @Field(() => ID, { description: 'Its thread.' }) threadId!: string;
  @Field(() => Int, { description: 'How often the link was opened.' }) opens!: number;
  @Field(() => Date, { nullable: true, description: 'When it was last opened.' }) lastOpenedAt!: Date | null;
  @Field({ description: 'When it was first shared.' }) createdAt!: Date;
}

@ArgsType()
export class AnswerSharesArgs extends PageArgs {
  @Field({ description: 'The board.' })
  @IsString()
  @Length(1, 40)
  boardSlug!: string;
}
