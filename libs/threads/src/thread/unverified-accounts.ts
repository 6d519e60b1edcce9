// Accounts whose e-mail address is not verified may always read and ask; whether they may also
// answer, comment or vote is each board's setting (boards lib: unverifiedAccounts).
import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@helpboard/core';
import { type BoardRecord, type UnverifiedAct, unverifiedMay } from '@helpboard/boards';
import { hasVerifiedEmail, UsersService } from '@helpboard/identity';

@Injectable()
export class UnverifiedAccounts {
  constructor(private readonly users: UsersService) {}

  /** FORBIDDEN (EMAIL_NOT_VERIFIED) when the board keeps this from unverified accounts and the user is one. */
  async assertMay(userId: string, board: BoardRecord, act: UnverifiedAct): Promise<void> {
    if (unverifiedMay(board, act)) return; // the usual case costs no read
    const user = await this.users.findById(userId);
    if (!user || !hasVerifiedEmail(user)) throw new ForbiddenError('EMAIL_NOT_VERIFIED');
  }
}
