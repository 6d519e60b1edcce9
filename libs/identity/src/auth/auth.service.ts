// Accounts, sign-up by e-mailed link, sign-in, refresh-token rotation, logout and password changes.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import {
  type Actor,
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  type PlatformRole,
  UnauthenticatedError,
} from '@helpboard/core';
import { UnitOfWork } from '@helpboard/database';
import { SessionRepository } from '../session/session.repository.js';
import { SessionEndReason, type SessionRecord } from '../session/session.schema.js';
import { hashRefreshToken, TokenService } from '../session/token.service.js';
import { handleKeyOf, normaliseEmail } from '../user/account-names.js';
import { UserRepository } from '../user/user.repository.js';
import { UserRecord } from '../user/user.schema.js';
import { AccountEmailService } from '../account/account-email.service.js';
import { LoginThrottle } from './login-throttle.js';
import { RegistrationLimit } from './registration-limit.js';
import { PasswordHasher } from './password-hasher.js';
import { passwordProblems } from './password-policy.js';
import { checkedAccount, newUserRecord, takenConflict } from './new-account.js';

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  user: UserRecord;
}

export interface NewAccount {
  email: string;
  handle: string;
  password: string;
  displayName?: string | null;
  locale?: 'en' | 'zh-CN' | null;
  platformRole?: PlatformRole;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly registrationLimit: RegistrationLimit,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly accountEmail: AccountEmailService,
  ) {}

  /**
   * Creates an account at once (validated, password hashed), for the CLI and the demo: whoever
   * runs them vouches for the address. People sign up with `register` instead.
   */
  async createAccount(input: NewAccount): Promise<UserRecord> {
    const fields = checkedAccount(input);
    const passwordHash = await this.hasher.hash(input.password);
    const record = newUserRecord(
      { ...fields, passwordHash, emailVerifiedAt: null, platformRole: input.platformRole },
      this.clock.now(),
    );
    try {
      return await this.users.insert(record);
    } catch (error) {
      throw takenConflict(error) ?? error;
    }
  }

  /**
   * Starts a sign-up. Its answer (nothing, or an error about the input) is the same whether or not
   * the address has an account, after the same work: the password is hashed on both paths (the
   * slow step a stopwatch would see) and each sends one mail, the link that creates the account
   * or a note to the address's owner (AccountEmailService.mailSignup). Nobody is signed in until
   * the link is opened: a session handed out here would tell which addresses are new. Handles
   * are public, so a taken one is said at once.
   */
  async register(input: NewAccount, client: ClientInfo): Promise<void> {
    await this.registrationLimit.consume(client.ip);
    const fields = checkedAccount(input);
    if (await this.users.findByHandleKey(handleKeyOf(fields.handle))) throw new ConflictError('HANDLE_TAKEN');
    const passwordHash = await this.hasher.hash(input.password);
    const owner = await this.users.findByEmail(fields.email);
    const { handle, displayName, locale } = fields;
    await this.accountEmail.mailSignup(fields.email, { handle, passwordHash, displayName, locale }, owner);
  }

  /** Opens a sign-up link: the account is created, its address verified, and it is signed in. */
  async completeRegistration(token: string, client: ClientInfo): Promise<IssuedSession> {
    const user = await this.accountEmail.completeRegistration(token);
    return this.startSession(user, client);
  }

  /**
   * Checks credentials with throttling. Unknown accounts and wrong passwords get the same answer
   * after the same work (a decoy hash is verified), so neither reveals whether an account exists.
   */
  async verifyCredentials(emailOrHandle: string, password: string, client: ClientInfo): Promise<UserRecord> {
    const identifier = emailOrHandle.includes('@') ? normaliseEmail(emailOrHandle) : handleKeyOf(emailOrHandle);
    const attempt = await this.throttle.reserve('login', identifier, client.ip);
    const user = identifier.includes('@')
      ? await this.users.findByEmail(identifier)
      : await this.users.findByHandleKey(identifier);
    const isValid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !isValid) throw new UnauthenticatedError('INVALID_CREDENTIALS');
    await attempt.succeeded();
    if (user.suspendedUntil && user.suspendedUntil > this.clock.now()) throw new ForbiddenError('USER_SUSPENDED');
    return user;
  }

  async startSession(user: UserRecord, client: ClientInfo): Promise<IssuedSession> {
    const now = this.clock.now();
    const refresh = this.tokens.newRefreshToken();
    const session = await this.unitOfWork.run(async ({ session: tx }) => {
      const created = await this.sessions.createSession(
        {
          userId: user._id,
          createdAt: now,
          expiresAt: refresh.expiresAt,
          endedAt: null,
          endReason: null,
          userAgent: client.userAgent?.slice(0, 256) ?? null,
          ip: client.ip,
        },
        tx,
      );
      await this.sessions.insertToken(
        {
          tokenHash: refresh.tokenHash,
          sessionId: created._id,
          userId: user._id,
          expiresAt: refresh.expiresAt,
          usedAt: null,
        },
        tx,
      );
      return created;
    });
    return this.issue(user, session._id, refresh.token);
  }

  /**
   * Rotates a refresh token. Presenting one that was already used means it leaked: the whole
   * session is ended, so neither the thief nor the victim can continue with it.
   */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    const now = this.clock.now();
    const stored = await this.sessions.findTokenByHash(hashRefreshToken(refreshToken));
    if (!stored || stored.expiresAt <= now) throw new UnauthenticatedError('INVALID_TOKEN');

    const outcome = await this.unitOfWork.run(async ({ session: tx }) => {
      const session = await this.sessions.findSession(stored.sessionId);
      if (!session || session.endedAt || session.expiresAt <= now) return { kind: 'revoked' as const };
      if (!(await this.sessions.markTokenUsed(stored._id, now, tx))) {
        await this.sessions.endSession(session._id, SessionEndReason.TokenReused, now, tx);
        await this.users.touchState([session.userId], tx);
        return { kind: 'reused' as const };
      }
      const next = this.tokens.newRefreshToken();
      await this.sessions.insertToken(
        {
          tokenHash: next.tokenHash,
          sessionId: session._id,
          userId: stored.userId,
          expiresAt: session.expiresAt,
          usedAt: null,
        },
        tx,
      );
      return { kind: 'rotated' as const, token: next.token, sessionId: session._id };
    });

    if (outcome.kind === 'reused') throw new UnauthenticatedError('REFRESH_TOKEN_REUSED');
    if (outcome.kind === 'revoked') throw new UnauthenticatedError('SESSION_REVOKED');
    const user = await this.users.findById(stored.userId);
    if (!user) throw new UnauthenticatedError('INVALID_TOKEN');
    if (user.suspendedUntil && user.suspendedUntil > now) throw new ForbiddenError('USER_SUSPENDED');
    return this.issue(user, outcome.sessionId, outcome.token);
  }

  async logout(actor: Actor): Promise<void> {
    await this.sessions.endSession(new Types.ObjectId(actor.sessionId), SessionEndReason.Logout, this.clock.now());
    await this.users.touchState([new Types.ObjectId(actor.userId)]);
  }

  /** Changes the password and signs out every other session of the user. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, client: ClientInfo): Promise<void> {
    // A stolen access token must not become a way to guess the password it cannot see.
    const attempt = await this.throttle.reserve('password-change', actor.userId, client.ip);
    const user = await this.users.findById(actor.userId);
    if (!user) throw new UnauthenticatedError('INVALID_TOKEN');
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new InvalidInputError([{ field: 'currentPassword', message: 'WRONG_PASSWORD' }], 'WRONG_PASSWORD');
    }
    await attempt.succeeded();
    const problems = passwordProblems(newPassword, 'newPassword', {
      handle: user.handle,
      email: user.email ?? undefined,
    });
    if (problems.length > 0) throw new InvalidInputError(problems);
    const passwordHash = await this.hasher.hash(newPassword);
    const now = this.clock.now();
    await this.unitOfWork.run(async ({ session: tx }) => {
      await this.users.update(user._id, { passwordHash, updatedAt: now }, tx);
      await this.sessions.endUserSessions(
        user._id,
        SessionEndReason.PasswordChanged,
        now,
        new Types.ObjectId(actor.sessionId),
        tx,
      );
      await this.users.touchState([user._id], tx);
    });
  }

  /** Where the user is signed in (device, address, since when), the current session marked. */
  async sessionsOf(actor: Actor): Promise<(SessionRecord & { isCurrent: boolean })[]> {
    const rows = await this.sessions.openSessionsOf(new Types.ObjectId(actor.userId), this.clock.now());
    return rows.map((row) => ({ ...row, isCurrent: row._id.toHexString() === actor.sessionId }));
  }

  /** When the user was last active in a session, if their tokens still say (profiles show it coarsely). */
  lastSeenAt(userId: string): Promise<Date | null> {
    return this.sessions.lastActivityOf(new Types.ObjectId(userId));
  }

  /** "Log out everywhere else": every session of the user but this one ends. */
  async endOtherSessions(actor: Actor): Promise<void> {
    await this.sessions.endUserSessions(
      new Types.ObjectId(actor.userId),
      SessionEndReason.Logout,
      this.clock.now(),
      new Types.ObjectId(actor.sessionId),
    );
    await this.users.touchState([new Types.ObjectId(actor.userId)]);
  }

  private issue(user: UserRecord, sessionId: Types.ObjectId, refreshToken: string): IssuedSession {
    const access = this.tokens.issueAccessToken(
      { id: user._id.toHexString(), handle: user.handle, platformRole: user.platformRole },
      sessionId.toHexString(),
    );
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, user };
  }

  /** Whether a user has signed in from `ip`: the referrals lib flags clicks from a rep's own address. */
  hasSignedInFrom(userId: string, ip: string): Promise<boolean> {
    return this.sessions.hasSessionFromIp(new Types.ObjectId(userId), ip);
  }
}
