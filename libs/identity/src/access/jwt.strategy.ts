// passport-jwt verifies the signature; expiry is checked here against the injected clock (so
// tests can move time), and the session and user are looked up so logout, password changes and
// suspensions take effect at once rather than when the token expires (a session already seen open
// is known still open from the user's row alone: see OpenSessions).
import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { type Actor, APP_CONFIG, type AppConfig, Clock, UnauthenticatedError } from '@helpboard/core';
import { OpenSessions } from './open-sessions.js';
import { SessionRepository } from '../session/session.repository.js';
import { type AccessTokenClaims, JWT_ISSUER } from '../session/token.service.js';
import { UserRepository } from '../user/user.repository.js';
import { hasVerifiedEmail } from '../user/users.service.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly openSessions: OpenSessions,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: given the string, jsonwebtoken tries to parse it as a public key
      // (and fails) before making a secret key from it, on every request.
      // (passport-jwt's types predate KeyObject; jsonwebtoken 9 takes one.)
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      ignoreExpiration: true,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Actor> {
    const now = this.clock.now();
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now.getTime()) {
      throw new UnauthenticatedError('TOKEN_EXPIRED');
    }
    // A session seen open before needs only the user's row (see OpenSessions); else both, at once.
    const [user, session] = this.openSessions.has(claims.sid)
      ? [await this.users.findById(claims.sub), undefined]
      : await Promise.all([this.users.findById(claims.sub), this.sessions.findSession(claims.sid)]);
    if (!user) throw new UnauthenticatedError('INVALID_TOKEN');
    const userId = user._id.toHexString();
    const stateVersion = user.stateVersion ?? 0;
    if (!this.openSessions.isKnownOpen(claims.sid, userId, stateVersion)) {
      const current = session === undefined ? await this.sessions.findSession(claims.sid) : session;
      if (!current || !current.userId.equals(user._id)) throw new UnauthenticatedError('INVALID_TOKEN');
      if (current.endedAt) throw new UnauthenticatedError('SESSION_REVOKED');
      this.openSessions.remember(claims.sid, userId, stateVersion);
    }
    return {
      userId,
      handle: user.handle,
      platformRole: user.platformRole,
      isSuspended: user.suspendedUntil !== null && user.suspendedUntil > now,
      sessionId: claims.sid,
      account: {
        stateVersion,
        displayName: user.displayName,
        locale: user.locale,
        isEmailVerified: hasVerifiedEmail(user),
        avatarUrl: user.avatarUrl ?? null,
      },
    };
  }
}
