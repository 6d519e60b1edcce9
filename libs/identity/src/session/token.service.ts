// Access tokens: short-lived JWTs (HS256) naming the user and the session. Refresh tokens: 256
// random bits, stored only as a hash, used once each. Time comes from the injected clock so
// expiry is testable.
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig, Clock, PlatformRole } from '@helpboard/core';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
export const JWT_ISSUER = 'helpboard';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  hdl: string;
  role: PlatformRole;
  iat: number;
  exp: number;
  iss: string;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issueAccessToken(user: { id: string; handle: string; platformRole: PlatformRole }, sessionId: string) {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const claims: AccessTokenClaims = {
      sub: user.id,
      sid: sessionId,
      hdl: user.handle,
      role: user.platformRole,
      iat,
      exp: iat + ACCESS_TOKEN_TTL_SECONDS,
      iss: JWT_ISSUER,
    };
    return {
      token: this.jwt.sign(claims, { secret: this.config.jwtSecret, algorithm: 'HS256' }),
      expiresAt: new Date(claims.exp * 1000),
    };
  }

  newRefreshToken(): { token: string; tokenHash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      tokenHash: hashRefreshToken(token),
      expiresAt: new Date(this.clock.now().getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    };
  }
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
