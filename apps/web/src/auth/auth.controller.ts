// Sign up (the account is made from the mailed link, AccountLinksController), log in and log out with cookies holding the identity lib's session tokens.
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig, DomainError, InvalidInputError, Public, SUPPORTED_LOCALES } from '@helpboard/core';
import { AuthService, type ClientInfo } from '@helpboard/identity';
import { problemsByField } from '../render/forms.js';
import { sendPage } from '../http/send-page.js';
import { clearSessionCookies, setSessionCookies } from '../http/session-cookies.js';
import { WebContextFactory } from '../http/web-context.js';
import { messageOf, WebExceptionFilter } from '../http/web-exception.filter.js';
import { LOCALE_COOKIE, safeReturnPath, type WebRequest } from '../http/web-request.js';
import { emptyForm, type FormState, loginPage, signupPage } from './auth.pages.js';
import { signupLinkSentPage } from './account-links.pages.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function clientOf(request: WebRequest): ClientInfo {
  return { ip: request.ip ?? '', userAgent: request.headers['user-agent'] };
}

@Controller()
@UseFilters(WebExceptionFilter)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly contexts: WebContextFactory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  async loginForm(@Req() request: WebRequest, @Res() response: Response, @Query('next') next?: string) {
    const ctx = await this.contexts.create(request, response);
    sendPage(request, response, loginPage(ctx, emptyForm({ next: safeReturnPath(next) })));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    const values = { identifier: text(body.identifier), next: safeReturnPath(body.next) };
    const ctx = await this.contexts.create(request, response);
    try {
      const user = await this.auth.verifyCredentials(values.identifier, text(body.password), clientOf(request));
      setSessionCookies(request, response, await this.auth.startSession(user, clientOf(request)), this.config);
      response.redirect(303, values.next);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const state: FormState = { values, errors: {}, message: messageOf(error, ctx.locale) };
      sendPage(request, response, loginPage(ctx, state), { status: error.code === 'RATE_LIMITED' ? 429 : 401 });
    }
  }

  @Public()
  @Get('signup')
  async signupForm(@Req() request: WebRequest, @Res() response: Response, @Query('next') next?: string) {
    const ctx = await this.contexts.create(request, response);
    sendPage(request, response, signupPage(ctx, emptyForm({ next: safeReturnPath(next) })));
  }

  @Public()
  @Post('signup')
  @HttpCode(200)
  async signup(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    const values = {
      email: text(body.email).trim(),
      handle: text(body.handle).trim(),
      displayName: text(body.displayName).trim(),
      next: safeReturnPath(body.next),
    };
    const ctx = await this.contexts.create(request, response);
    try {
      await this.auth.register(
        {
          email: values.email,
          handle: values.handle,
          displayName: values.displayName || null,
          password: text(body.password),
          locale: ctx.locale,
        },
        clientOf(request),
      );
      // Nobody is signed in yet: the mailed link creates the account (see AuthService.register).
      sendPage(request, response, signupLinkSentPage(ctx, values.email));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const state: FormState =
        error instanceof InvalidInputError
          ? { values, errors: problemsByField(error.fields, ctx.locale) }
          : {
              values,
              errors:
                error.reason === 'EMAIL_TAKEN'
                  ? { email: messageOf(error, ctx.locale) }
                  : error.reason === 'HANDLE_TAKEN'
                    ? { handle: messageOf(error, ctx.locale) }
                    : {},
              message: error.reason.endsWith('_TAKEN') ? undefined : messageOf(error, ctx.locale),
            };
      sendPage(request, response, signupPage(ctx, state), { status: 422 });
    }
  }

  /** Public so a suspended user can still sign out; ends the session the cookies belong to. */
  @Public()
  @Post('logout')
  async logout(@Req() request: WebRequest, @Res() response: Response) {
    if (request.actor) await this.auth.logout(request.actor);
    clearSessionCookies(response);
    response.redirect(303, '/');
  }

  /** The language switch: a plain link, remembered in a cookie (it wins over Accept-Language). */
  @Public()
  @Get('lang')
  language(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Query('to') to?: string,
    @Query('next') next?: string,
  ) {
    const locale = SUPPORTED_LOCALES.find((candidate) => candidate === to);
    if (locale) {
      response.cookie(LOCALE_COOKIE, locale, {
        sameSite: 'lax',
        path: '/',
        maxAge: 365 * 24 * 3600 * 1000,
        httpOnly: true,
      });
    }
    response.redirect(303, safeReturnPath(next));
  }
}
