// How identity gets its e-mails out without depending on the mail lib above it: the
// notifications lib registers the sender at start-up (the owner-registers-a-handler pattern).
import { Injectable } from '@nestjs/common';

export enum AccountMailKind {
  ResetPassword = 'RESET_PASSWORD',
  VerifyEmail = 'VERIFY_EMAIL',
  ChangeEmail = 'CHANGE_EMAIL',
  /** To the old address after a change, so a hijack does not go unnoticed. */
  EmailChanged = 'EMAIL_CHANGED',
  /** The link that creates the account a sign-up asked for. */
  CompleteRegistration = 'COMPLETE_REGISTRATION',
  /** To an account's address when someone signs up with it again (the sign-up itself says nothing). */
  SignupAttempt = 'SIGNUP_ATTEMPT',
}

export interface AccountMail {
  kind: AccountMailKind;
  /** Stable per message (the token's id): a retried send writes one message. */
  id: string;
  userId: string;
  to: string;
  locale: string;
  handle: string;
  /** Path and query on the site (e.g. `/reset-password?token=…`), when the mail carries a link. */
  path: string | null;
}

export type AccountMailSender = (mail: AccountMail) => Promise<void>;

@Injectable()
export class AccountMailer {
  private sender: AccountMailSender | null = null;

  use(sender: AccountMailSender): void {
    this.sender = sender;
  }

  async send(mail: AccountMail): Promise<void> {
    if (!this.sender) throw new Error('no account mail sender registered (import NotificationsModule)');
    await this.sender(mail);
  }
}
