// passport-jwt verifies the signature; expiry is checked here against the injected clock (so
// tests can move time), and the session and user are looked up so logout, password changes and
// suspensions take effect at once rather than when the token expires.
import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { type Actor, APP_CONFIG, type AppConfig, Clock, UnauthenticatedError } from '@helpboard/core';
import { SessionRepository } from '../session/session.repository.js';
import { type AccessTokenClaims, JWT_ISSUER } from '../session/token.service.js';
import { UserRepository } from '../user/user.repository.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
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
    const [user, session] = await Promise.all([this.users.findById(claims.sub), this.sessions.findSession(claims.sid)]);
    if (!user || !session || !session.userId.equals(user._id)) throw new UnauthenticatedError('INVALID_TOKEN');
    if (session.endedAt) throw new UnauthenticatedError('SESSION_REVOKED');
    return {
      userId: user._id.toHexString(),
      handle: user.handle,
      platformRole: user.platformRole,
      isSuspended: user.suspendedUntil !== null && user.suspendedUntil > now,
      sessionId: session._id.toHexString(),
    };
  }
}
