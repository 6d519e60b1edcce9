// Who may answer a protected thread is decided by reputation, which the threads lib cannot depend
// on: the reputation lib registers its check here, as it does for editing others' posts.
import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@helpboard/core';
import type { BoardRecord } from '@helpboard/boards';

type Check = (userId: string, board: BoardRecord) => Promise<void>;

@Injectable()
export class ProtectedThreadAnswering {
  private check?: Check;

  /** `check` throws (FORBIDDEN naming the missing privilege) when the user may not answer. */
  allowWhen(check: Check): void {
    this.check = check;
  }

  /** Denies by default: without a registered check nobody answers a protected thread. */
  async assertAllowed(userId: string, board: BoardRecord): Promise<void> {
    if (!this.check) throw new ForbiddenError('THREAD_PROTECTED');
    await this.check(userId, board);
  }
}
