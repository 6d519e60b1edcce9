// What every web request carries once the web middleware has run: the locale, the CSP nonce,
// the CSRF token for forms, and (after the access guard) the actor. Pages read it through
// `WebContext` (see web-context.ts), never from the raw request.
import type { Request, Response } from 'express';
import type { Actor, Locale } from '@helpboard/core';

export interface WebState {
  nonce: string;
  csrfToken: string;
  /** From Accept-Language or the `hb_lang` cookie; a signed-in user's own setting wins later. */
  requestLocale: Locale;
  hasLocaleCookie: boolean;
}

export type WebRequest = Request & { web: WebState; actor?: Actor | null; id?: unknown };
export type WebResponse = Response;

export const LOCALE_COOKIE = 'hb_lang';

/** True when a progressive-enhancement script sent the form and wants JSON back. */
export function wantsJson(request: Request): boolean {
  return request.headers['x-requested-with'] === 'fetch';
}

/** Only same-site paths may be redirect targets (no `//host` or `/\host` tricks). */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  return value;
}
