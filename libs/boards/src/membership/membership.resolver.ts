import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, Clock, CurrentActor, SignedIn } from '@helpboard/core';
import { toUser, UsersService } from '@helpboard/identity';
import { toBoard } from '../board/board.mapper.js';
import { Board, BoardMember } from '../board/board.model.js';
import { BoardRole } from '../permissions/board-permissions.js';
import { MembershipService } from './membership.service.js';

@Resolver()
export class MembershipResolver {
  constructor(
    private readonly memberships: MembershipService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Mutation(() => BoardMember, {
    description: "Grant, change or (role: null) remove a user's board role (board owners and operator admins).",
  })
  async setBoardRole(
    @CurrentActor() actor: Actor,
    @Args('boardSlug') boardSlug: string,
    @Args('handle') handle: string,
    @Args('role', { type: () => BoardRole, nullable: true }) role: BoardRole | null,
  ): Promise<BoardMember> {
    await this.memberships.setRole(actor, boardSlug, handle, role);
    const user = await this.users.requireByHandle(handle);
    return { user: toUser(user, this.clock.now()), role };
  }

  @SignedIn()
  @Mutation(() => Board, { description: 'Join a board as a member (to follow it).' })
  async joinBoard(@CurrentActor() actor: Actor, @Args('slug') slug: string): Promise<Board> {
    await this.memberships.join(actor, slug);
    return this.reload(slug);
  }

  @SignedIn()
  @Mutation(() => Board, { description: 'Leave a board, giving up any role on it.' })
  async leaveBoard(@CurrentActor() actor: Actor, @Args('slug') slug: string): Promise<Board> {
    await this.memberships.leave(actor, slug);
    return this.reload(slug);
  }

  private async reload(slug: string): Promise<Board> {
    return toBoard(await this.memberships.boardBySlug(slug));
  }
}
