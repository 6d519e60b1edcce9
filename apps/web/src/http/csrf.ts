// CSRF tokens: each browser gets a random `hb_csrf` cookie (HttpOnly, SameSite=Lax); forms carry
// HMAC(key, cookie) in `_csrf`. A cross-site page can neither read the cookie nor compute the
// token, and SameSite keeps the cookie off most cross-site posts anyway (defence in depth).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'hb_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export class CsrfTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('helpboard-web-csrf').digest();
  }

  newCookieValue(): string {
    return randomBytes(18).toString('base64url');
  }

  tokenFor(cookieValue: string): string {
    return createHmac('sha256', this.key).update(cookieValue).digest('base64url');
  }

  isValid(cookieValue: string | undefined, token: unknown): boolean {
    if (!cookieValue || typeof token !== 'string') return false;
    const expected = Buffer.from(this.tokenFor(cookieValue));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
