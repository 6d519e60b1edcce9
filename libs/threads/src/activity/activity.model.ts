import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ThreadActivityKind {
  ANSWER_POSTED = 'ANSWER_POSTED',
  COMMENT_ADDED = 'COMMENT_ADDED',
  POST_EDITED = 'POST_EDITED',
  VOTE_CHANGED = 'VOTE_CHANGED',
  ANSWER_ACCEPTED = 'ANSWER_ACCEPTED',
  ANSWER_UNACCEPTED = 'ANSWER_UNACCEPTED',
  OFFICIAL_ANSWER_MARKED = 'OFFICIAL_ANSWER_MARKED',
  OFFICIAL_ANSWER_UNMARKED = 'OFFICIAL_ANSWER_UNMARKED',
}
registerEnumType(ThreadActivityKind, { name: 'ThreadActivityKind', description: 'What happened in a thread.' });

export enum BoardActivityKind {
  QUESTION_ASKED = 'QUESTION_ASKED',
}
registerEnumType(BoardActivityKind, { name: 'BoardActivityKind', description: 'What happened on a board.' });

@ObjectType({ description: 'Something that just happened in a thread (live updates).' })
export class ThreadActivity {
  @Field(() => ThreadActivityKind) kind!: ThreadActivityKind;
  @Field(() => ID) threadId!: string;
  @Field(() => ID, { nullable: true, description: 'The post concerned (answer, commented or voted post).' })
  postId!: string | null;
  @Field(() => Int, { nullable: true, description: "For votes: the post's new score." }) score!: number | null;
  @Field() occurredAt!: Date;
}

@ObjectType({ description: 'Something that just happened on a board (live updates).' })
export class BoardActivity {
  @Field(() => BoardActivityKind) kind!: BoardActivityKind;
  @Field(() => ID) threadId!: string;
  @Field() occurredAt!: Date;
}
