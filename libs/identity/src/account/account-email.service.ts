// Links we e-mail to prove someone reads an address: finish a sign-up, reset a forgotten password,
// verify an address, confirm a new address. Each link is single-use (spent atomically inside
// the transaction that acts on it), expires, and is stored only as a hash. Asking for a reset
// answers alike whether or not the address has an account, and so does signing up.
import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { isEmail } from 'class-validator';
import { Types } from 'mongoose';
import {
  type Actor,
  Clock,
  ConflictError,
  InvalidInputError,
  RateLimitedError,
  RateLimitStore,
  UnauthenticatedError,
} from '@helpboard/core';
import { UnitOfWork } from '@helpboard/database';
import { PasswordHasher } from '../auth/password-hasher.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import type { ClientInfo } from '../auth/auth.service.js';
import { passwordProblems } from '../auth/password-policy.js';
import { SessionRepository } from '../session/session.repository.js';
import { SessionEndReason } from '../session/session.schema.js';
import { normaliseEmail } from '../user/account-names.js';
import { UserRepository } from '../user/user.repository.js';
import type { UserRecord } from '../user/user.schema.js';
import { newUserRecord, takenConflict } from '../auth/new-account.js';
import { AccountMailer, AccountMailKind } from './account-mail.port.js';
import { AccountTokenRepository } from './account-token.repository.js';
import { ACCOUNT_TOKEN_TTL_MS, AccountTokenPurpose, type PendingRegistration } from './account-token.schema.js';

/** Links of each kind one address (or account) may ask for per hour: enough for a lost mail, not for a mail bomb. */
export const ACCOUNT_LINKS_PER_HOUR = 5;
const HOUR_MS = 3_600_000;

/** Where each link lands on the site; the page shows a form, and only its POST spends the token. */
export const ACCOUNT_LINK_PATHS: Record<AccountTokenPurpose, string> = {
  [AccountTokenPurpose.ResetPassword]: '/reset-password',
  [AccountTokenPurpose.VerifyEmail]: '/verify-email',
  [AccountTokenPurpose.ChangeEmail]: '/confirm-email',
  [AccountTokenPurpose.CompleteRegistration]: '/complete-signup',
};

const MAIL_KIND: Record<AccountTokenPurpose, AccountMailKind> = {
  [AccountTokenPurpose.ResetPassword]: AccountMailKind.ResetPassword,
  [AccountTokenPurpose.VerifyEmail]: AccountMailKind.VerifyEmail,
  [AccountTokenPurpose.ChangeEmail]: AccountMailKind.ChangeEmail,
  [AccountTokenPurpose.CompleteRegistration]: AccountMailKind.CompleteRegistration,
};

/** Whom a link is for: an account, or the one a sign-up will create. */
type Recipient = Pick<UserRecord, '_id' | 'handle' | 'locale'>;

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
/** Expired, used, forged and mistyped links get one answer: the link does not work (any more). */
const invalidLink = () =>
  new InvalidInputError([{ field: 'token', message: 'ACCOUNT_LINK_INVALID' }], 'ACCOUNT_LINK_INVALID');
const isDuplicateKey = (error: unknown) => (error as { code?: unknown } | null)?.code === 11000;
const SIGNUP_ATTEMPT_PATH = '/forgot-password';

@Injectable()
export class AccountEmailService {
  private readonly logger = new Logger(AccountEmailService.name);

  constructor(
    private readonly users: UserRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly mailer: AccountMailer,
    private readonly limits: RateLimitStore,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** E-mails a reset link if the address has an account that can sign in; says nothing either way. */
  async requestPasswordReset(email: string): Promise<void> {
    const address = normaliseEmail(email);
    if (!isEmail(address)) throw new InvalidInputError([{ field: 'email', message: 'INVALID_EMAIL' }]);
    await this.limit(`reset:${address}`);
    const user = await this.users.findByEmail(address);
    if (!user?.email || !user.passwordHash) return;
    await this.issue(user, AccountTokenPurpose.ResetPassword, user.email);
  }

  /** Whether a link still works (its page shows the form, or says it expired), without spending it. */
  async isUsable(token: string, purpose: AccountTokenPurpose): Promise<boolean> {
    return (await this.tokens.findUsable(hashOf(token), purpose, this.clock.now())) !== null;
  }

  /** Sets a new password from a reset link; every session of the user ends (whoever had them). */
  async resetPassword(token: string, newPassword: string): Promise<UserRecord> {
    const now = this.clock.now();
    const tokenHash = hashOf(token);
    const link = await this.tokens.findUsable(tokenHash, AccountTokenPurpose.ResetPassword, now);
    const user = link && (await this.users.findById(link.userId));
    if (!link || !user) throw invalidLink();
    const problems = passwordProblems(newPassword, 'password', { handle: user.handle, email: user.email ?? undefined });
    if (problems.length > 0) throw new InvalidInputError(problems);
    const passwordHash = await this.hasher.hash(newPassword);
    return this.unitOfWork.run(async ({ session: tx }) => {
      if (!(await this.tokens.consume(tokenHash, AccountTokenPurpose.ResetPassword, now, tx))) throw invalidLink();
      await this.tokens.retireAll(user._id, AccountTokenPurpose.ResetPassword, now, tx);
      await this.sessions.endUserSessions(user._id, SessionEndReason.PasswordReset, now, undefined, tx);
      await this.users.touchState([user._id], tx);
      // The link reached this address, which is what a verification proves too.
      const verified = user.email === link.email ? { emailVerifiedAt: user.emailVerifiedAt ?? now } : {};
      return (await this.users.update(user._id, { passwordHash, ...verified, updatedAt: now }, tx))!;
    });
  }

  /** Sends (again) the link that verifies the user's address; nothing when it is verified already. */
  async sendVerification(userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user?.email || user.emailVerifiedAt) return;
    await this.limit(`verify:${userId}`);
    await this.issue(user, AccountTokenPurpose.VerifyEmail, user.email);
  }

  /** After sign-up: a mail that cannot go out must not undo the account (the user can ask again). */
  async sendVerificationQuietly(userId: string): Promise<void> {
    await this.sendVerification(userId).catch((error: unknown) =>
      this.logger.warn({ err: error, userId }, 'verification mail not sent'),
    );
  }

  async verifyEmail(token: string): Promise<UserRecord> {
    const now = this.clock.now();
    return this.unitOfWork.run(async ({ session: tx }) => {
      const link = await this.tokens.consume(hashOf(token), AccountTokenPurpose.VerifyEmail, now, tx);
      const user = link && (await this.users.findById(link.userId));
      // A link sent to an address the account no longer has proves nothing about the current one.
      if (!link || !user || user.email !== link.email) throw invalidLink();
      return (await this.users.update(user._id, { emailVerifiedAt: user.emailVerifiedAt ?? now, updatedAt: now }, tx))!;
    });
  }

  /**
   * The only outcome of a sign-up its caller learns is "check your mail". A new address gets the
   * link that creates the account; an address with an account gets a note to its owner instead.
   * Both count against the same per-address limit, so neither the answer nor a refusal tells them
   * apart. A mail that cannot go out is logged: the answer must not depend on it either.
   */
  async mailSignup(email: string, pending: PendingRegistration, owner: UserRecord | null): Promise<void> {
    await this.limit(`signup:${email}`);
    const sending = owner
      ? this.mailer.send({
          kind: AccountMailKind.SignupAttempt,
          id: `account-${new Types.ObjectId().toHexString()}`,
          userId: owner._id.toHexString(),
          to: email,
          locale: owner.locale,
          handle: owner.handle,
          path: SIGNUP_ATTEMPT_PATH,
        })
      : this.issue(
          { _id: new Types.ObjectId(), handle: pending.handle, locale: pending.locale },
          AccountTokenPurpose.CompleteRegistration,
          email,
          pending,
        );
    await sending.catch((error: unknown) => this.logger.warn({ err: error }, 'sign-up mail not sent'));
  }

  /**
   * Creates the account a sign-up link stands for, its address proven by the click. The link is
   * spent in the transaction that inserts the account, so of parallel clicks exactly one creates
   * it. The handle was only checked at sign-up: if someone took it (or the address) since, the
   * answer is HANDLE_TAKEN (EMAIL_TAKEN) and the link stays unspent.
   */
  async completeRegistration(token: string): Promise<UserRecord> {
    const now = this.clock.now();
    return this.unitOfWork
      .run(async ({ session: tx }) => {
        const link = await this.tokens.consume(hashOf(token), AccountTokenPurpose.CompleteRegistration, now, tx);
        if (!link?.registration) throw invalidLink();
        const { handle, passwordHash, displayName, locale } = link.registration;
        const record = newUserRecord(
          { _id: link.userId, email: link.email, handle, displayName, locale, passwordHash, emailVerifiedAt: now },
          now,
        );
        return this.users.insert(record, tx);
      })
      .catch((error: unknown) => {
        throw takenConflict(error) ?? error;
      });
  }

  /**
   * E-mails a confirmation link to the new address; the address changes only when it is opened.
   * An address that already has an account gets no link, and the answer is the same.
   */
  async requestEmailChange(actor: Actor, newEmail: string, password: string, client: ClientInfo): Promise<void> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new UnauthenticatedError('INVALID_TOKEN');
    const address = normaliseEmail(newEmail);
    if (address.length > 254 || !isEmail(address)) {
      throw new InvalidInputError([{ field: 'email', message: 'INVALID_EMAIL' }]);
    }
    // Like changePassword (and from the same allowance): a stolen access token must not become a
    // way to guess the password it cannot see.
    const attempt = await this.throttle.reserve('password-change', actor.userId, client.ip);
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      throw new InvalidInputError([{ field: 'password', message: 'WRONG_PASSWORD' }], 'WRONG_PASSWORD');
    }
    await attempt.succeeded();
    await this.limit(`change:${actor.userId}`);
    if (address === user.email || (await this.users.findByEmail(address))) return;
    await this.issue(user, AccountTokenPurpose.ChangeEmail, address);
  }

  async confirmEmailChange(token: string): Promise<UserRecord> {
    const now = this.clock.now();
    const { user, previous } = await this.unitOfWork
      .run(async ({ session: tx }) => {
        const link = await this.tokens.consume(hashOf(token), AccountTokenPurpose.ChangeEmail, now, tx);
        const current = link && (await this.users.findById(link.userId));
        if (!link || !current) throw invalidLink();
        const changed = await this.users.update(
          current._id,
          { email: link.email, emailVerifiedAt: now, updatedAt: now },
          tx,
        );
        return { user: changed!, previous: current };
      })
      .catch((error: unknown) => {
        throw isDuplicateKey(error) ? new ConflictError('EMAIL_TAKEN') : error;
      });
    if (previous.email) {
      await this.mailer
        .send({
          kind: AccountMailKind.EmailChanged,
          id: `email-changed-${user._id.toHexString()}-${now.getTime()}`,
          userId: user._id.toHexString(),
          to: previous.email,
          locale: user.locale,
          handle: user.handle,
          path: null,
        })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'e-mail change notice not sent'));
    }
    return user;
  }

  private async issue(
    user: Recipient,
    purpose: AccountTokenPurpose,
    email: string,
    registration: PendingRegistration | null = null,
  ): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const id = new Types.ObjectId();
    await this.tokens.insert({
      tokenHash: hashOf(token),
      purpose,
      userId: user._id,
      email,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MS[purpose]),
      usedAt: null,
      registration,
    });
    await this.mailer.send({
      kind: MAIL_KIND[purpose],
      id: `account-${id.toHexString()}`,
      userId: user._id.toHexString(),
      to: email,
      locale: user.locale,
      handle: user.handle,
      path: `${ACCOUNT_LINK_PATHS[purpose]}?token=${token}`,
    });
  }

  private async limit(key: string): Promise<void> {
    const now = this.clock.now();
    const { count, resetAt } = await this.limits.hit(`account-link:${key}`, HOUR_MS, now);
    if (count > ACCOUNT_LINKS_PER_HOUR) {
      throw new RateLimitedError(Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
    }
  }
}
