// Finish a sign-up, forgot password, reset it, verify an address, confirm a new one: the site's side of the links
// identity e-mails (see AccountEmailService). Every link page answers 200 while the link works
// and 410 once it is used or expired.
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import {
  APP_CONFIG,
  type AppConfig,
  ConflictError,
  DomainError,
  InvalidInputError,
  Public,
  SignedIn,
} from '@helpboard/core';
import { AccountEmailService, AccountTokenPurpose, AuthService } from '@helpboard/identity';
import { problemsByField } from '../render/forms.js';
import { sendPage } from '../http/send-page.js';
import { clearSessionCookies, setSessionCookies } from '../http/session-cookies.js';
import { type WebContext, WebContextFactory } from '../http/web-context.js';
import { messageOf, WebExceptionFilter } from '../http/web-exception.filter.js';
import { safeReturnPath, type WebRequest } from '../http/web-request.js';
import {
  confirmLinkPage,
  forgotPasswordPage,
  invalidLinkPage,
  linkDonePage,
  resetLinkSentPage,
  resetPasswordPage,
} from './account-links.pages.js';
import { emptyForm } from './auth.pages.js';
import { clientOf } from './auth.controller.js';

const text = (value: unknown, max = 1024): string => (typeof value === 'string' ? value.slice(0, max) : '');
const isLinkInvalid = (error: unknown) => error instanceof DomainError && error.reason === 'ACCOUNT_LINK_INVALID';

/** The two "confirm an address" links differ only in words and in the service call. */
const ADDRESS_LINKS = {
  '/verify-email': {
    purpose: AccountTokenPurpose.VerifyEmail,
    keys: { title: 'web.verify.title', intro: 'web.verify.intro', submit: 'web.verify.submit' },
    done: 'web.verify.done',
  },
  '/confirm-email': {
    purpose: AccountTokenPurpose.ChangeEmail,
    keys: { title: 'web.confirmEmail.title', intro: 'web.confirmEmail.intro', submit: 'web.confirmEmail.submit' },
    done: 'web.confirmEmail.done',
  },
} as const;
type AddressLink = keyof typeof ADDRESS_LINKS;

@Controller()
@UseFilters(WebExceptionFilter)
export class AccountLinksController {
  constructor(
    private readonly accountEmail: AccountEmailService,
    private readonly auth: AuthService,
    private readonly contexts: WebContextFactory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('complete-signup')
  async completeSignupForm(@Req() request: WebRequest, @Res() response: Response, @Query('token') token?: string) {
    const ctx = await this.contexts.create(request, response);
    const value = text(token, 200);
    if (!(await this.accountEmail.isUsable(value, AccountTokenPurpose.CompleteRegistration))) {
      return sendPage(request, response, this.invalidSignup(ctx), { status: 410 });
    }
    const keys = {
      title: 'web.completeSignup.title',
      intro: 'web.completeSignup.intro',
      submit: 'web.completeSignup.submit',
    };
    sendPage(request, response, confirmLinkPage(ctx, '/complete-signup', keys, value));
  }

  /** Creates the account and signs this browser in (the click proved the address). */
  @Public()
  @Post('complete-signup')
  @HttpCode(200)
  async completeSignup(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    try {
      const session = await this.auth.completeRegistration(text(body.token, 200), clientOf(request));
      setSessionCookies(request, response, session, this.config);
      response.redirect(303, '/');
    } catch (error) {
      const ctx = await this.contexts.create(request, response);
      if (isLinkInvalid(error)) return sendPage(request, response, this.invalidSignup(ctx), { status: 410 });
      if (!(error instanceof ConflictError)) throw error;
      const title = ctx.t('web.completeSignup.title');
      const again = { href: '/signup', label: ctx.t('web.nav.signup') };
      sendPage(request, response, linkDonePage(ctx, title, ctx.t('web.completeSignup.taken'), again), { status: 409 });
    }
  }

  @Public()
  @Get('forgot-password')
  async forgotForm(@Req() request: WebRequest, @Res() response: Response) {
    const ctx = await this.contexts.create(request, response);
    sendPage(request, response, forgotPasswordPage(ctx, emptyForm()));
  }

  @Public()
  @Post('forgot-password')
  @HttpCode(200)
  async forgot(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    const email = text(body.email, 254).trim();
    const ctx = await this.contexts.create(request, response);
    try {
      await this.accountEmail.requestPasswordReset(email);
      sendPage(request, response, resetLinkSentPage(ctx, email));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const state =
        error instanceof InvalidInputError
          ? { values: { email }, errors: problemsByField(error.fields, ctx.locale) }
          : { values: { email }, errors: {}, message: messageOf(error, ctx.locale) };
      sendPage(request, response, forgotPasswordPage(ctx, state), {
        status: error.code === 'RATE_LIMITED' ? 429 : 422,
      });
    }
  }

  @Public()
  @Get('reset-password')
  async resetForm(@Req() request: WebRequest, @Res() response: Response, @Query('token') token?: string) {
    const ctx = await this.contexts.create(request, response);
    const value = text(token, 200);
    if (!(await this.accountEmail.isUsable(value, AccountTokenPurpose.ResetPassword))) {
      return sendPage(request, response, this.invalid(ctx), { status: 410 });
    }
    sendPage(request, response, resetPasswordPage(ctx, value, emptyForm()));
  }

  @Public()
  @Post('reset-password')
  @HttpCode(200)
  async reset(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    const token = text(body.token, 200);
    const ctx = await this.contexts.create(request, response);
    try {
      await this.accountEmail.resetPassword(token, text(body.password));
    } catch (error) {
      if (isLinkInvalid(error)) return sendPage(request, response, this.invalid(ctx), { status: 410 });
      if (!(error instanceof InvalidInputError)) throw error;
      const state = { values: {}, errors: problemsByField(error.fields, ctx.locale) };
      return sendPage(request, response, resetPasswordPage(ctx, token, state), { status: 422 });
    }
    // Every session ended, this browser's too.
    clearSessionCookies(response);
    const done = { href: '/login', label: ctx.t('web.nav.login') };
    sendPage(request, response, linkDonePage(ctx, ctx.t('web.reset.title'), ctx.t('web.reset.done'), done));
  }

  @Public()
  @Get('verify-email')
  verifyForm(@Req() request: WebRequest, @Res() response: Response, @Query('token') token?: string) {
    return this.addressForm('/verify-email', request, response, token);
  }

  @Public()
  @Post('verify-email')
  @HttpCode(200)
  verify(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    return this.confirmAddress('/verify-email', request, response, text(body.token, 200));
  }

  @Public()
  @Get('confirm-email')
  confirmForm(@Req() request: WebRequest, @Res() response: Response, @Query('token') token?: string) {
    return this.addressForm('/confirm-email', request, response, token);
  }

  @Public()
  @Post('confirm-email')
  @HttpCode(200)
  confirm(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    return this.confirmAddress('/confirm-email', request, response, text(body.token, 200));
  }

  /** "Send the link again" from the notice unverified users see. */
  @SignedIn()
  @Post('verify-email/resend')
  async resend(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    await this.accountEmail.sendVerification(request.actor!.userId);
    const next = safeReturnPath(body.next, '/settings');
    response.redirect(303, `${next}${next.includes('?') ? '&' : '?'}resent=1`);
  }

  private async addressForm(link: AddressLink, request: WebRequest, response: Response, token: unknown) {
    const ctx = await this.contexts.create(request, response);
    const value = text(token, 200);
    const { purpose, keys } = ADDRESS_LINKS[link];
    if (!(await this.accountEmail.isUsable(value, purpose))) {
      return sendPage(request, response, this.invalid(ctx), { status: 410 });
    }
    sendPage(request, response, confirmLinkPage(ctx, link, keys, value));
  }

  private async confirmAddress(link: AddressLink, request: WebRequest, response: Response, token: string) {
    try {
      if (link === '/verify-email') await this.accountEmail.verifyEmail(token);
      else await this.accountEmail.confirmEmailChange(token);
    } catch (error) {
      if (!isLinkInvalid(error)) throw error;
      const ctx = await this.contexts.create(request, response);
      return sendPage(request, response, this.invalid(ctx), { status: 410 });
    }
    // Read after the change, so the page no longer asks to confirm the address: the account the
    // authentication read along with the session is from before it.
    if (request.actor) request.actor = { ...request.actor, account: undefined };
    const ctx = await this.contexts.create(request, response);
    const { keys, done } = ADDRESS_LINKS[link];
    const next = { href: ctx.viewer ? '/settings' : '/login', label: ctx.t('web.continue') };
    sendPage(request, response, linkDonePage(ctx, ctx.t(keys.title), ctx.t(done), next));
  }

  private invalidSignup(ctx: WebContext) {
    return invalidLinkPage(ctx, { href: '/signup', label: ctx.t('web.nav.signup') });
  }

  private invalid(ctx: WebContext) {
    return invalidLinkPage(ctx, { href: '/forgot-password', label: ctx.t('web.link.askAgain') });
  }
}
