// The unsubscribe link in every e-mail. GET only shows what the link would stop and a button:
// mail scanners and link previews follow links, and must not unsubscribe anyone. POST stops the
// e-mails the signed token names: the button's form, and RFC 8058 one-click from mail clients
// (List-Unsubscribe-Post), which POST to the same URL.
import { Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { negotiateLocale, Public, translate, type Locale } from '@helpboard/core';
import { UnsubscribeService } from './unsubscribe.service.js';
import type { UnsubscribeRequest } from './unsubscribe-tokens.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(locale: Locale, title: string, message: string, form = ''): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${form}</body></html>`;
}

/** What the request stops, in the reader's language. */
function scopeText(request: UnsubscribeRequest, locale: Locale): string {
  return request.scope === 'DIGEST'
    ? translate('UNSUBSCRIBE_SCOPE_DIGEST', locale)
    : translate(`NOTIFICATION_KIND_${request.scope}`, locale);
}

@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Public()
  @Get()
  confirm(
    @Query('token') token: unknown,
    @Headers('accept-language') language: string | undefined,
    @Res() res: Response,
  ): void {
    const locale = negotiateLocale(language);
    const request = this.unsubscribe.check(token);
    if (!request) return this.invalid(res, locale);
    // The form posts back to this very URL, token included, as a one-click client would.
    const form = `<form method="post" action="?token=${encodeURIComponent(String(token))}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(translate('UNSUBSCRIBE_CONFIRM_BUTTON', locale))}</button></form>`;
    this.send(
      res,
      200,
      page(
        locale,
        translate('UNSUBSCRIBE_CONFIRM_TITLE', locale),
        translate('UNSUBSCRIBE_CONFIRM', locale, { kind: scopeText(request, locale) }),
        form,
      ),
    );
  }

  @Public()
  @Post()
  async oneClick(
    @Query('token') token: unknown,
    @Headers('accept-language') language: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const locale = negotiateLocale(language);
    const outcome = await this.unsubscribe.apply(token);
    if (!outcome) return this.invalid(res, locale);
    const message =
      outcome.scope === 'DIGEST'
        ? translate('UNSUBSCRIBE_DONE_DIGEST', locale)
        : translate('UNSUBSCRIBE_DONE_KIND', locale, { kind: scopeText(outcome, locale) });
    this.send(res, 200, page(locale, translate('UNSUBSCRIBE_DONE_TITLE', locale), message));
  }

  private invalid(res: Response, locale: Locale): void {
    this.send(
      res,
      400,
      page(locale, translate('UNSUBSCRIBE_INVALID_TITLE', locale), translate('UNSUBSCRIBE_INVALID', locale)),
    );
  }

  private send(res: Response, status: number, html: string): void {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.status(status).send(html);
  }
}
