import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BoardRole } from '@helpboard/boards';
import { User } from '@helpboard/identity';
import { PostKind } from '../post/post.schema.js';
import { ThreadStatus } from './thread.schema.js';

export enum ThreadSort {
  ACTIVE = 'ACTIVE',
  NEWEST = 'NEWEST',
  VOTES = 'VOTES',
  UNANSWERED = 'UNANSWERED',
}

export enum VoteDirection {
  UP = 'UP',
  DOWN = 'DOWN',
  NONE = 'NONE',
}

registerEnumType(ThreadSort, {
  name: 'ThreadSort',
  description:
    'ACTIVE: latest activity first; NEWEST: newest questions; VOTES: highest score; UNANSWERED: no answers yet.',
});
registerEnumType(ThreadStatus, { name: 'ThreadStatus', description: 'Whether a question takes new answers.' });
registerEnumType(PostKind, { name: 'PostKind', description: 'A question or an answer.' });
registerEnumType(VoteDirection, { name: 'VoteDirection', description: 'UP, DOWN, or NONE to retract.' });

@ObjectType({ description: "A post's author as shown on the post: who, and their role on the board." })
export class PostAuthor {
  @Field(() => User) user!: User;
  @Field(() => BoardRole, { nullable: true, description: 'Role on the board of the post.' })
  boardRole!: BoardRole | null;
  @Field({ description: "True for the operator's service reps (board staff): their posts carry a staff label." })
  isStaff!: boolean;
  /** The board of the post, for board-specific fields (badges). */
  boardId!: string;
}

@ObjectType({ description: 'A comment under a question or answer.' })
export class Comment {
  @Field(() => ID) id!: string;
  @Field({ description: 'Markdown as written.' }) body!: string;
  @Field({ description: 'Sanitised HTML.' }) bodyHtml!: string;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When its author last edited it (or it was deleted).' })
  editedAt!: Date | null;
  authorId!: string;
  boardId!: string;
}

@ObjectType({ description: 'A question or an answer.' })
export class Post {
  @Field(() => ID) id!: string;
  @Field(() => PostKind) kind!: PostKind;
  @Field(() => ID) threadId!: string;
  @Field({ description: 'Markdown as written.' }) body!: string;
  @Field({ description: 'Sanitised HTML rendered from the body.' }) bodyHtml!: string;
  @Field(() => Int) score!: number;
  @Field(() => Int) upvotes!: number;
  @Field(() => Int) downvotes!: number;
  @Field(() => Int) commentCount!: number;
  @Field({ description: 'Accepted by the asker.' }) isAccepted!: boolean;
  @Field({ description: 'Marked official by board staff.' }) isOfficial!: boolean;
  @Field({ description: 'Hidden or deleted by moderation, or held for review (only moderators see such posts).' })
  isHidden!: boolean;
  @Field(() => Int, { description: 'Current revision number (1 = never edited).' }) revision!: number;
  @Field(() => Date, { nullable: true }) editedAt!: Date | null;
  @Field() createdAt!: Date;
  authorId!: string;
  boardId!: string;
}

@ObjectType({ description: 'A question with its answers.' })
export class Thread {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => [String]) tags!: string[];
  @Field(() => ThreadStatus) status!: ThreadStatus;
  @Field(() => String, { nullable: true }) closeReason!: string | null;
  @Field(() => ID, { nullable: true, description: 'When closed as a duplicate: the original thread.' })
  duplicateOfId!: string | null;
  @Field() isLocked!: boolean;
  @Field() isPinned!: boolean;
  @Field({
    description:
      'Protected by a moderator: answering needs the board\'s "answer protected questions" reputation (see `privileges`).',
  })
  isProtected!: boolean;
  @Field(() => Int, { description: "The question's score." }) score!: number;
  @Field(() => Int) answerCount!: number;
  @Field(() => Int, { description: 'Distinct viewers, counted once per viewer per hour.' }) viewCount!: number;
  @Field(() => ID, { nullable: true }) acceptedAnswerId!: string | null;
  @Field(() => ID, { nullable: true }) officialAnswerId!: string | null;
  @Field() createdAt!: Date;
  @Field() lastActivityAt!: Date;
  boardId!: string;
  authorId!: string;
}

@ObjectType({ description: 'One version of a post.' })
export class Revision {
  @Field(() => Int) revision!: number;
  @Field() body!: string;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => [String], { nullable: true }) tags!: string[] | null;
  @Field(() => String, { nullable: true, description: "The editor's note on what changed." }) summary!: string | null;
  @Field() createdAt!: Date;
  editorId!: string;
}
