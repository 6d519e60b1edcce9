// Per-request security for web pages: a fresh CSP nonce, a strict Content-Security-Policy and
// companion headers, the CSRF cookie and token, the request's locale, and the CSRF check of
// every state-changing request.
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig, negotiateLocale, SUPPORTED_LOCALES, type Locale } from '@helpboard/core';
import { CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, CsrfTokens } from './csrf.js';
import { LOCALE_COOKIE, type WebRequest } from './web-request.js';
import { CsrfRejectedError } from './web-errors.js';

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function isSecureRequest(request: Request, config: AppConfig): boolean {
  return request.secure || config.isProduction;
}

@Injectable()
export class SecurityMiddleware implements NestMiddleware {
  private readonly csrf: CsrfTokens;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.csrf = new CsrfTokens(config.jwtSecret);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const request = req as WebRequest;
    const nonce = randomBytes(16).toString('base64');
    let csrfCookie: string | undefined = request.cookies?.[CSRF_COOKIE];
    if (!csrfCookie || csrfCookie.length > 64) {
      csrfCookie = this.csrf.newCookieValue();
      // Set on the response only when a page uses it (forms), so anonymous pages stay cacheable.
      res.locals.newCsrfCookie = csrfCookie;
    }
    const langCookie = request.cookies?.[LOCALE_COOKIE] as string | undefined;
    const cookieLocale = SUPPORTED_LOCALES.find((locale) => locale === langCookie);
    const requestLocale: Locale = cookieLocale ?? negotiateLocale(request.headers['accept-language']);
    request.web = { nonce, csrfToken: this.csrf.tokenFor(csrfCookie), requestLocale, hasLocaleCookie: !!cookieLocale };

    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    if (isSecureRequest(request, this.config)) res.setHeader('Strict-Transport-Security', 'max-age=15552000');

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      // A multipart body (uploads) is read by its page, after this check: its forms carry the
      // token in the action's query string instead.
      const token =
        (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD] ??
        request.headers[CSRF_HEADER] ??
        (request.is('multipart/form-data') ? request.query[CSRF_FIELD] : undefined);
      if (!this.csrf.isValid(request.cookies?.[CSRF_COOKIE], token)) return next(new CsrfRejectedError());
    }
    next();
  }
}

/** Sends the CSRF cookie made for this request, if any (pages with forms call this). */
export function issueCsrfCookie(request: Request, response: Response, config: AppConfig): void {
  const value = response.locals.newCsrfCookie as string | undefined;
  if (!value || response.headersSent) return;
  response.cookie(CSRF_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(request, config),
    path: '/',
    maxAge: 365 * 24 * 3600 * 1000,
  });
}
