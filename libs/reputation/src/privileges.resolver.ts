import { Args, Field, Int, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { type Actor, CurrentActor, InvalidInputError, SignedIn } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService, OperatorService } from '@helpboard/boards';
import { Privilege, Privileges } from './privileges.js';
import './reputation.messages.js';

registerEnumType(Privilege, { name: 'Privilege', description: 'What reputation on an operator’s boards unlocks.' });

@ObjectType({ description: 'One privilege on a board: what it takes, and whether you have it.' })
export class PrivilegeStandingModel {
  @Field(() => Privilege) privilege!: Privilege;
  @Field(() => Int, { description: 'Reputation on the operator’s boards it takes (board setting).' }) required!: number;
  @Field({ description: 'Whether you have it now.' }) isGranted!: boolean;
  @Field({ description: 'Granted by your role on the board (staff, moderator, owner) rather than by reputation.' })
  byRole!: boolean;
}

@Resolver()
export class PrivilegesResolver {
  constructor(
    private readonly privileges: Privileges,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly operators: OperatorService,
  ) {}

  @SignedIn()
  @Query(() => [PrivilegeStandingModel], {
    description:
      'Your privileges from your reputation on an operator’s boards: on one board (its thresholds, its roles), or with only the operator the default thresholds.',
  })
  async myPrivileges(
    @CurrentActor() actor: Actor,
    @Args('operatorSlug', { type: () => String, nullable: true }) operatorSlug: string | null,
    @Args('boardSlug', { type: () => String, nullable: true }) boardSlug: string | null,
  ) {
    if (boardSlug) {
      const board = await this.boards.requireBoard(boardSlug);
      await this.access.assert(actor, BoardAction.View, board);
      return this.privileges.standings(actor.userId, board);
    }
    if (!operatorSlug) throw new InvalidInputError([{ field: 'operatorSlug', message: 'OPERATOR_OR_BOARD_REQUIRED' }]);
    const operator = await this.operators.requireBySlug(operatorSlug);
    return this.privileges.standings(actor.userId, { operatorId: operator._id });
  }
}
