// Who besides the author and board staff may edit a post is decided by reputation, which the
// threads lib cannot depend on: the reputation lib registers its check here (CONVENTIONS: a lib
// that must decide on another's action registers a handler with the owner).
import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@helpboard/core';
import type { BoardRecord } from '@helpboard/boards';

type Check = (userId: string, board: BoardRecord) => Promise<void>;

@Injectable()
export class OthersPostEditing {
  private check?: Check;

  /** `check` throws (e.g. FORBIDDEN naming the missing privilege) when the user may not. */
  allowWhen(check: Check): void {
    this.check = check;
  }

  async assertAllowed(userId: string, board: BoardRecord): Promise<void> {
    if (!this.check) throw new ForbiddenError('NOT_YOUR_POST');
    await this.check(userId, board);
  }
}
