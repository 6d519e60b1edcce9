import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { User } from '@helpboard/identity';
import { BoardRole, BoardVisibility } from '../permissions/board-permissions.js';
import { BoardSettings } from '../settings/board-settings.model.js';
import { BoardKind } from './board.schema.js';

registerEnumType(BoardKind, { name: 'BoardKind', description: 'What a board is organised around.' });
registerEnumType(BoardRole, {
  name: 'BoardRole',
  description: 'A role on one board: member < expert; staff (operator reps), moderator and owner have duties.',
});
registerEnumType(BoardVisibility, { name: 'BoardVisibility', description: 'Who can see a board.' });

@ObjectType({ description: 'An organisation that runs boards: a carrier, a bank, a game publisher.' })
export class Operator {
  @Field(() => ID) id!: string;
  @Field({ description: 'URL name.' }) slug!: string;
  @Field() name!: string;
  @Field() createdAt!: Date;
  /** Resolved through a DataLoader. */
  adminIds!: string[];
}

@ObjectType({ description: 'A special board (专版): questions and answers about one region, product or interest.' })
export class Board {
  @Field(() => ID) id!: string;
  @Field({ description: 'Unique URL name.' }) slug!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => BoardKind) kind!: BoardKind;
  @Field(() => String, { nullable: true }) region!: string | null;
  @Field(() => [String], { description: 'Suggested tags.' }) tags!: string[];
  @Field(() => BoardVisibility) visibility!: BoardVisibility;
  @Field({ description: 'Archived boards are read-only.' }) isArchived!: boolean;
  @Field(() => Date, { nullable: true }) archivedAt!: Date | null;
  @Field(() => Int, { description: 'People who joined or hold a role.' }) memberCount!: number;
  @Field(() => BoardSettings, { description: 'Effective settings (defaults plus overrides).' })
  settings!: BoardSettings;
  @Field() createdAt!: Date;
  /** Resolved through a DataLoader. */
  operatorId!: string;
}

@ObjectType({ description: "A user's role on a board." })
export class BoardMember {
  @Field(() => User) user!: User;
  @Field(() => BoardRole, { nullable: true, description: 'Null when the role was removed.' }) role!: BoardRole | null;
}
