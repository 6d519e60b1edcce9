// Author cards for posts and comments, batched per request: one user query and one role query
// per board, however many posts a page shows.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { Clock, type LoaderHolder, requestLoader } from '@helpboard/core';
import { BoardRole, MembershipService } from '@helpboard/boards';
import { toUser, type UserRecord, UsersService } from '@helpboard/identity';
import { PostAuthor } from './thread.model.js';
import { heldAuthor } from './thread-snapshot.js';

@Injectable()
export class AuthorCards {
  constructor(
    private readonly users: UsersService,
    private readonly memberships: MembershipService,
    private readonly clock: Clock,
  ) {}

  async load(holder: LoaderHolder, boardId: string, userId: string): Promise<PostAuthor> {
    const held = heldAuthor(holder, boardId, userId);
    if (held) return this.card(held.user, held.role, boardId);
    const roles = requestLoader<string, BoardRole>(holder, 'boards.roleOfUser', async (keys) => {
      const byBoard = new Map<string, string[]>();
      for (const key of keys) {
        const [board, user] = key.split('|');
        byBoard.set(board, [...(byBoard.get(board) ?? []), user]);
      }
      const found = new Map<string, BoardRole>();
      await Promise.all(
        [...byBoard].map(async ([board, users]) => {
          const rolesOnBoard = await this.memberships.rolesOnBoard(
            new Types.ObjectId(board),
            users.map((u) => new Types.ObjectId(u)),
          );
          for (const [user, role] of rolesOnBoard) found.set(`${board}|${user}`, role);
        }),
      );
      return keys.map((key) => found.get(key) ?? null);
    });
    const [user, role] = await Promise.all([
      this.users.loader(holder).load(userId),
      roles.load(`${boardId}|${userId}`),
    ]);
    if (!user) throw new Error(`author ${userId} is missing`);
    return this.card(user, role, boardId);
  }

  private card(user: UserRecord, role: BoardRole | null, boardId: string): PostAuthor {
    return { user: toUser(user, this.clock.now()), boardRole: role, isStaff: role === BoardRole.STAFF, boardId };
  }
}
