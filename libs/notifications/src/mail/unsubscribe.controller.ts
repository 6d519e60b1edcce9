// GET /unsubscribe?token=… (the link in every e-mail) and POST (RFC 8058 one-click from mail
// clients): stops the e-mails the signed token names and answers with a short page.
import { Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { negotiateLocale, Public, translate, type Locale } from '@helpboard/core';
import { UnsubscribeService } from './unsubscribe.service.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(locale: Locale, title: string, message: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}

@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Public()
  @Get()
  viaLink(
    @Query('token') token: unknown,
    @Headers('accept-language') language: string | undefined,
    @Res() res: Response,
  ) {
    return this.answer(token, language, res);
  }

  @Public()
  @Post()
  oneClick(
    @Query('token') token: unknown,
    @Headers('accept-language') language: string | undefined,
    @Res() res: Response,
  ) {
    return this.answer(token, language, res);
  }

  private async answer(token: unknown, language: string | undefined, res: Response): Promise<void> {
    const locale = negotiateLocale(language);
    const outcome = await this.unsubscribe.apply(token);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    if (!outcome) {
      res
        .status(400)
        .send(page(locale, translate('UNSUBSCRIBE_INVALID_TITLE', locale), translate('UNSUBSCRIBE_INVALID', locale)));
      return;
    }
    const message =
      outcome.scope === 'DIGEST'
        ? translate('UNSUBSCRIBE_DONE_DIGEST', locale)
        : translate('UNSUBSCRIBE_DONE_KIND', locale, { kind: translate(`NOTIFICATION_KIND_${outcome.scope}`, locale) });
    res.status(200).send(page(locale, translate('UNSUBSCRIBE_DONE_TITLE', locale), message));
  }
}
