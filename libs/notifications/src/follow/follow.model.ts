import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsMongoId, IsOptional, IsString, Length } from 'class-validator';
import { FollowTargetType } from './follow.schema.js';

registerEnumType(FollowTargetType, { name: 'FollowTargetType', description: 'What kind of thing is followed.' });

@InputType({ description: 'What to follow: a thread; a board; or a tag on a board (boardSlug and tag).' })
export class FollowInput {
  @Field(() => ID, { nullable: true, description: 'A thread: hear of its new answers.' })
  @IsOptional()
  @IsMongoId()
  threadId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A board: hear of its new questions (with `tag`: only those tagged so).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  boardSlug?: string | null;

  @Field(() => String, { nullable: true, description: 'A tag on the board given by `boardSlug`.' })
  @IsOptional()
  @IsString()
  @Length(1, 35)
  tag?: string | null;
}

@ObjectType({ description: 'Something you follow.' })
export class Follow {
  @Field(() => FollowTargetType, { description: 'A thread, a board or a tag on a board.' })
  targetType!: FollowTargetType;

  @Field(() => ID, { nullable: true, description: 'The followed thread (THREAD).' })
  threadId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The board (BOARD and TAG).' })
  boardId!: string | null;

  @Field(() => String, { nullable: true, description: 'The followed tag (TAG).' })
  tag!: string | null;

  @Field({ description: 'When you started following.' })
  createdAt!: Date;
}
