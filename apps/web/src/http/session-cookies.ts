// Signed-in browsers hold the identity lib's own tokens in HttpOnly, SameSite=Lax cookies: the
// short-lived access JWT and the rotating refresh token of the same session the API issues. On
// web routes only (never /graphql, which stays bearer-only and so CSRF-free), the access cookie
// is presented to the global access guard as a bearer token; an expired one is first rotated.
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig, Clock, DomainError } from '@helpboard/core';
import { AuthService, type IssuedSession } from '@helpboard/identity';
import { isSecureRequest } from './security.middleware.js';

export const ACCESS_COOKIE = 'hb_at';
export const REFRESH_COOKIE = 'hb_rt';
const REFRESH_COOKIE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** A token this close to expiry is rotated now rather than fail mid-request. */
const EXPIRY_MARGIN_MS = 10_000;
/** Concurrent requests of one browser share a rotation instead of tripping reuse detection. */
const ROTATION_SHARE_MS = 30_000;

function expiryOf(jwt: string): number | null {
  const payload = jwt.split('.')[1];
  if (!payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function setSessionCookies(request: Request, response: Response, session: IssuedSession, config: AppConfig) {
  const options = { httpOnly: true, sameSite: 'lax' as const, secure: isSecureRequest(request, config), path: '/' };
  response.cookie(ACCESS_COOKIE, session.accessToken, { ...options, maxAge: REFRESH_COOKIE_MAX_AGE_MS });
  response.cookie(REFRESH_COOKIE, session.refreshToken, { ...options, maxAge: REFRESH_COOKIE_MAX_AGE_MS });
}

export function clearSessionCookies(response: Response): void {
  response.clearCookie(ACCESS_COOKIE, { path: '/' });
  response.clearCookie(REFRESH_COOKIE, { path: '/' });
}

@Injectable()
export class SessionCookieMiddleware implements NestMiddleware {
  private readonly rotations = new Map<string, { at: number; result: Promise<IssuedSession> }>();

  constructor(
    private readonly auth: AuthService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    // A bearer token sent on purpose (API clients on web routes) is left alone.
    if (request.headers.authorization) return next();
    const access = request.cookies?.[ACCESS_COOKIE] as string | undefined;
    const refresh = request.cookies?.[REFRESH_COOKIE] as string | undefined;
    const now = this.clock.now().getTime();
    const expiresAt = access ? expiryOf(access) : null;
    if (access && expiresAt !== null && expiresAt - EXPIRY_MARGIN_MS > now) {
      request.headers.authorization = `Bearer ${access}`;
      return next();
    }
    if (!refresh) {
      if (access) clearSessionCookies(response);
      return next();
    }
    try {
      const session = await this.rotate(refresh, now);
      setSessionCookies(request, response, session, this.config);
      request.headers.authorization = `Bearer ${session.accessToken}`;
    } catch (error) {
      if (!(error instanceof DomainError)) return next(error);
      clearSessionCookies(response); // ended, reused or expired: continue signed out
    }
    next();
  }

  private rotate(refreshToken: string, now: number): Promise<IssuedSession> {
    for (const [token, entry] of this.rotations) if (entry.at + ROTATION_SHARE_MS < now) this.rotations.delete(token);
    const shared = this.rotations.get(refreshToken);
    if (shared) return shared.result;
    const result = this.auth.refresh(refreshToken);
    this.rotations.set(refreshToken, { at: now, result });
    result.catch(() => this.rotations.delete(refreshToken));
    return result;
  }
}
