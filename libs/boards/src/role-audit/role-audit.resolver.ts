// GraphQL: the operator's role audit (grants and revocations of board roles and administration).
import {
  Args,
  Context,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  registerEnumType,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { type Actor, byIds, Clock, CurrentActor, type LoaderHolder, requestLoader, SignedIn } from '@helpboard/core';
import { Types } from 'mongoose';
import { toUser, User, UsersService } from '@helpboard/identity';
import { Board, Operator } from '../board/board.model.js';
import { toBoard, toOperator } from '../board/board.mapper.js';
import { BoardService } from '../board/board.service.js';
import { OperatorService } from '../operator/operator.service.js';
import { RoleAuditService } from './role-audit.service.js';
import { type RoleChangeRecord, RoleKind } from './role-change.schema.js';

registerEnumType(RoleKind, {
  name: 'RoleKind',
  description: 'A role the role audit follows: a board role with duties, or operator administration.',
});

@ObjectType({ description: 'A role granted, changed or revoked, as the role audit recorded it.' })
export class RoleChange {
  @Field(() => ID) id!: string;
  @Field(() => RoleKind, { nullable: true, description: 'The role held before; null: none.' })
  previousRole!: RoleKind | null;
  @Field(() => RoleKind, { nullable: true, description: 'The role held after; null: revoked.' })
  role!: RoleKind | null;
  @Field() at!: Date;
  userId!: string;
  actorId!: string;
  boardId!: string | null;
}

const toRoleChange = (row: RoleChangeRecord): RoleChange => ({
  id: row._id.toHexString(),
  previousRole: row.previousRole,
  role: row.role,
  at: row.at,
  userId: row.userId.toHexString(),
  actorId: row.actorId.toHexString(),
  boardId: row.boardId?.toHexString() ?? null,
});

@Resolver(() => RoleChange)
export class RoleAuditResolver {
  constructor(
    private readonly audit: RoleAuditService,
    private readonly operators: OperatorService,
    private readonly boards: BoardService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Query(() => [RoleChange], {
    description:
      "Role grants and revocations on an operator's boards and of its administration, newest first (operator and platform admins).",
  })
  async roleAuditLog(
    @CurrentActor() actor: Actor,
    @Args('operatorSlug') operatorSlug: string,
    @Args('boardSlug', { type: () => String, nullable: true, description: 'Only this board of the operator.' })
    boardSlug: string | null,
    @Args('kind', { type: () => RoleKind, nullable: true, description: 'Only changes concerning this role.' })
    kind: RoleKind | null,
    @Args('actorHandle', { type: () => String, nullable: true, description: 'Only changes made by this user.' })
    actorHandle: string | null,
    @Args('first', { type: () => Int, defaultValue: 50, description: 'At most 100.' }) first: number,
    @Args('before', { type: () => ID, nullable: true, description: 'Entries older than this entry id.' })
    before: string | null,
  ): Promise<RoleChange[]> {
    const rows = await this.audit.list(actor, { operatorSlug, boardSlug, kind, actorHandle, first, before });
    return rows.map(toRoleChange);
  }

  @SignedIn()
  @Mutation(() => Operator, {
    description: "Remove a user's administration of the operator (operator or platform admins); the last one stays.",
  })
  async removeOperatorAdmin(
    @CurrentActor() actor: Actor,
    @Args('operatorSlug') operatorSlug: string,
    @Args('handle') handle: string,
  ): Promise<Operator> {
    return toOperator(await this.operators.removeAdmin(actor, operatorSlug, handle));
  }

  @ResolveField(() => User, { description: 'Whose role changed.' })
  async user(@Parent() change: RoleChange, @Context() context: LoaderHolder): Promise<User> {
    return toUser((await this.users.loader(context).load(change.userId))!, this.clock.now());
  }

  @ResolveField(() => User, { description: 'Who made the change.' })
  async actor(@Parent() change: RoleChange, @Context() context: LoaderHolder): Promise<User> {
    return toUser((await this.users.loader(context).load(change.actorId))!, this.clock.now());
  }

  @ResolveField(() => Board, { nullable: true, description: 'The board of a board role; null for administration.' })
  async board(@Parent() change: RoleChange, @Context() context: LoaderHolder): Promise<Board | null> {
    if (!change.boardId) return null;
    const loader = requestLoader<string, Board>(context, 'roleAudit.boards', async (ids) => {
      const rows = await this.boards.findByIds(ids.map((id) => new Types.ObjectId(id)));
      return byIds(ids, rows.map(toBoard), (board) => board.id);
    });
    return loader.load(change.boardId);
  }
}
