import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { PageArgs } from '@helpboard/core';
import { NotificationKind } from './notification-kind.js';

@ObjectType({ description: 'Something that happened that concerns you.' })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind, { description: 'What it is about.' })
  kind!: NotificationKind;

  @Field({ description: 'What happened, in your language (from Accept-Language).' })
  text!: string;

  @Field(() => ID, { nullable: true, description: 'The thread it is about, if any.' })
  threadId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The post (question or answer) it is about, if any.' })
  postId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The board it happened on, if any.' })
  boardId!: string | null;

  @Field(() => String, { nullable: true, description: 'Handle of who caused it, if anyone.' })
  actorHandle!: string | null;

  @Field({ description: 'Whether you have marked it read.' })
  isRead!: boolean;

  @Field({ description: 'When it happened.' })
  createdAt!: Date;
}

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only notifications not yet read.' })
  unreadOnly?: boolean | null;
}
