// Turns errors on web routes into pages (or, for enhanced forms, JSON the script shows next to
// the control): sign-in problems lead to the login page, rule refusals and missing pages get a
// friendly page in the reader's language, anything unexpected is logged and shown as a 500.
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode, httpStatusOf, negotiateLocale, translate } from '@helpboard/core';
import { errorPage } from '../pages/error.page.js';
import { contentSecurityPolicy } from './security.middleware.js';
import { clearSessionCookies } from './session-cookies.js';
import { NONCE_SLOT, sendPage } from './send-page.js';
import { translator, type WebContext, WebContextFactory } from './web-context.js';
import { safeReturnPath, wantsJson, type WebRequest } from './web-request.js';

/** Reasons meaning the browser's session cookies are no longer any good. */
const DEAD_SESSION = new Set(['INVALID_TOKEN', 'SESSION_REVOKED', 'TOKEN_EXPIRED', 'REFRESH_TOKEN_REUSED']);

/** Where a form was posted from, to come back to after signing in. */
function refererPath(request: Request): string {
  try {
    const referer = new URL(String(request.headers.referer));
    return referer.host === request.headers.host ? safeReturnPath(referer.pathname + referer.search) : '/';
  } catch {
    return '/';
  }
}

export function messageOf(error: DomainError, locale: WebContext['locale']): string {
  return translate(error.messageKey, locale, { ...error.params, ...(error.details ?? {}) });
}

/** A context for requests that never went through the web middleware (the global 404). */
export function bareContext(request: Request, response: Response): WebContext {
  const locale = negotiateLocale(request.headers['accept-language']);
  const nonce = randomBytes(16).toString('base64');
  (request as WebRequest).web ??= { nonce, csrfToken: '', requestLocale: locale, hasLocaleCookie: false };
  response.setHeader('Content-Security-Policy', contentSecurityPolicy((request as WebRequest).web.nonce));
  return {
    locale,
    t: translator(locale),
    // The stand-in sendPage replaces with the nonce above (an empty one would be refused by the CSP).
    nonce: NONCE_SLOT,
    csrfToken: '',
    viewer: null,
    path: request.originalUrl,
    baseUrl: '',
  };
}

export function sendNotFoundPage(request: Request, response: Response): void {
  const ctx = bareContext(request, response);
  sendPage(request, response, errorPage(ctx, 404, ctx.t('web.error.notFound')), { status: 404 });
}

@Injectable()
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  constructor(private readonly contexts: WebContextFactory) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    this.respond(exception, request, response).catch((error: unknown) => {
      this.logger.error({ err: error }, 'error page failed');
      if (!response.headersSent) response.status(500).end();
    });
  }

  private async respond(exception: unknown, request: WebRequest, response: Response): Promise<void> {
    if (exception instanceof DomainError && exception.code === ErrorCode.Unauthenticated) {
      const isDead = DEAD_SESSION.has(exception.reason);
      if (isDead) clearSessionCookies(response);
      const here = request.method === 'GET' ? safeReturnPath(request.originalUrl) : refererPath(request);
      const target = isDead && request.method === 'GET' ? here : `/login?next=${encodeURIComponent(here)}`;
      if (wantsJson(request)) response.status(200).json({ redirect: target });
      else response.redirect(303, target);
      return;
    }
    if (!request.web) {
      sendNotFoundPage(request, response);
      return;
    }
    if (request.actor === undefined) request.actor = null;
    const ctx = await this.contexts.create(request);
    let status = 500;
    let message = ctx.t('web.error.internal');
    if (exception instanceof DomainError) {
      status = httpStatusOf(exception.code);
      message = messageOf(exception, ctx.locale);
      if (exception.retryAfterSeconds !== undefined)
        response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    } else if (exception instanceof HttpException && exception.getStatus() < 500) {
      status = exception.getStatus();
      message = status === 404 ? ctx.t('web.error.notFound') : exception.message;
    } else {
      this.logger.error({ err: exception, requestId: request.id }, 'unexpected error');
    }
    if (wantsJson(request)) {
      response.status(status).json({ message });
      return;
    }
    sendPage(request, response, errorPage(ctx, status, message), { status });
  }
}
