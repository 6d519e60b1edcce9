// Who counts as staff on a board for the numbers: its STAFF and OWNER members and the operator's
// admins (they answer as the operator). Read when a fact happens, so a later role change does not
// rewrite history.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { BoardRole, BoardService, MembershipService, OperatorService, type BoardRecord } from '@helpboard/boards';

const STAFF_ROLES = [BoardRole.STAFF, BoardRole.OWNER];

@Injectable()
export class StaffDirectory {
  constructor(
    private readonly boards: BoardService,
    private readonly memberships: MembershipService,
    private readonly operators: OperatorService,
  ) {}

  board(boardId: Types.ObjectId): Promise<BoardRecord> {
    return this.boards.requireById(boardId);
  }

  async isStaff(board: BoardRecord, userId: string): Promise<boolean> {
    const [operator] = await this.operators.findByIds([board.operatorId]);
    if (operator?.adminIds.some((id) => id.equals(userId))) return true;
    const role = (await this.memberships.rolesOnBoard(board._id, [new Types.ObjectId(userId)])).get(userId);
    return role !== undefined && STAFF_ROLES.includes(role);
  }

  /** Staff of any of these boards, and the operator's admins (ids as hex strings). */
  async staffOf(operatorId: Types.ObjectId, boardIds: readonly Types.ObjectId[]): Promise<Set<string>> {
    const [operator] = await this.operators.findByIds([operatorId]);
    const ids = new Set((operator?.adminIds ?? []).map((id) => id.toHexString()));
    for (const boardId of boardIds) {
      for (const member of await this.memberships.usersWithRoles(boardId, STAFF_ROLES))
        ids.add(member.userId.toHexString());
    }
    return ids;
  }
}
