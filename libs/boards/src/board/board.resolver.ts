import { Args, ArgsType, Context, Field, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Types } from 'mongoose';
import {
  type Actor,
  byIds,
  ConnectionType,
  CurrentActor,
  decodeCursor,
  type LoaderHolder,
  PageArgs,
  pageSize,
  Public,
  requestLoader,
  SignedIn,
  toConnection,
} from '@helpboard/core';
import { OperatorService } from '../operator/operator.service.js';
import { BoardAccessService } from '../permissions/board-access.service.js';
import { BoardRole } from '../permissions/board-permissions.js';
import { CreateBoardInput, UpdateBoardInput } from './dto/board.inputs.js';
import { toBoard, toOperator } from './board.mapper.js';
import { Board, Operator } from './board.model.js';
import { BoardKind } from './board.schema.js';
import { BoardService } from './board.service.js';

const BoardConnection = ConnectionType(Board);

@ArgsType()
class BoardsArgs extends PageArgs {
  @Field({ description: 'Operator whose boards to list.' })
  operatorSlug!: string;

  @Field(() => BoardKind, { nullable: true, description: 'Only boards of this kind.' })
  kind?: BoardKind | null;

  @Field(() => String, { nullable: true, description: 'Only boards for this region.' })
  region?: string | null;
}

@Resolver(() => Board)
export class BoardResolver {
  constructor(
    private readonly boards: BoardService,
    private readonly operators: OperatorService,
    private readonly access: BoardAccessService,
  ) {}

  @SignedIn()
  @Mutation(() => Board, { description: "Open a board (the operator's admins)." })
  async createBoard(@CurrentActor() actor: Actor, @Args('input') input: CreateBoardInput): Promise<Board> {
    return toBoard(await this.boards.createBoard(actor, input));
  }

  @SignedIn()
  @Mutation(() => Board, { description: 'Change a board (owners and operator admins).' })
  async updateBoard(
    @CurrentActor() actor: Actor,
    @Args('slug') slug: string,
    @Args('input') input: UpdateBoardInput,
  ): Promise<Board> {
    return toBoard(await this.boards.updateBoard(actor, slug, input));
  }

  @SignedIn()
  @Mutation(() => Board, { description: 'Make a board read-only (operator admins).' })
  async archiveBoard(@CurrentActor() actor: Actor, @Args('slug') slug: string): Promise<Board> {
    return toBoard(await this.boards.archiveBoard(actor, slug));
  }

  @Public()
  @Query(() => BoardConnection, { name: 'boards', description: "An operator's boards, ordered by slug." })
  async boardsList(@CurrentActor() actor: Actor | null, @Args() args: BoardsArgs) {
    return this.listBoards(actor, args);
  }

  @Public()
  @Query(() => Board, { description: 'A board by slug.' })
  async board(@CurrentActor() actor: Actor | null, @Args('slug') slug: string): Promise<Board> {
    return toBoard(await this.boards.viewBoard(actor, slug));
  }

  @ResolveField(() => Operator, { description: 'The operator that runs the board.' })
  async operator(@Parent() board: Board, @Context() context: LoaderHolder): Promise<Operator> {
    const loader = requestLoader<string, Operator>(context, 'operators.byId', async (ids) =>
      byIds(
        ids,
        (await this.operators.findByIds(ids.map((id) => new Types.ObjectId(id)))).map(toOperator),
        (o) => o.id,
      ),
    );
    return (await loader.load(board.operatorId))!;
  }

  @ResolveField(() => BoardRole, { nullable: true, description: "The signed-in user's role here, if any." })
  async viewerRole(
    @Parent() board: Board,
    @CurrentActor() actor: Actor | null,
    @Context() context: LoaderHolder,
  ): Promise<BoardRole | null> {
    if (!actor) return null;
    const loader = requestLoader<string, BoardRole>(context, 'boards.viewerRole', async (boardIds) => {
      const roles = await this.access.rolesOf(
        actor,
        boardIds.map((id) => new Types.ObjectId(id)),
      );
      return boardIds.map((id) => roles.get(id) ?? null);
    });
    return loader.load(board.id);
  }

  private async listBoards(actor: Actor | null, args: BoardsArgs) {
    const size = pageSize(args.first);
    const afterSlug = args.after ? String(decodeCursor(args.after, 1)[0]) : undefined;
    const rows = await this.boards.listBoards(actor, {
      operatorSlug: args.operatorSlug,
      kind: args.kind,
      region: args.region,
      afterSlug,
      limit: size + 1,
    });
    return toConnection(rows, size, afterSlug !== undefined, (row) => [row.slug], toBoard);
  }
}
