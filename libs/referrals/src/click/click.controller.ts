// GET /r/:code — the first-party redirect every referral link goes through.
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig, negotiateLocale, Public } from '@helpboard/core';
import { Inject } from '@nestjs/common';
import { ClickService } from './click.service.js';
import { linkUnavailablePage } from './link-unavailable.page.js';

export const VISITOR_COOKIE = 'hb_vid';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

@Controller('r')
export class ClickController {
  constructor(
    private readonly clicks: ClickService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':code')
  async follow(@Param('code') code: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const outcome = await this.clicks.click(code, {
      ip: request.ip ?? '',
      userAgent: request.headers['user-agent'] ?? '',
      visitorId: cookieValue(request.headers.cookie, VISITOR_COOKIE),
    });
    // Redirects and their pages depend on the visitor and the moment: never cached.
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (outcome.kind === 'redirect') {
      const secure = this.config.isProduction ? '; Secure' : '';
      response.setHeader(
        'Set-Cookie',
        `${VISITOR_COOKIE}=${outcome.visitorId}; Path=/r; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure}`,
      );
      response.redirect(302, outcome.location);
      return;
    }
    const reason = outcome.kind === 'throttled' ? 'THROTTLED' : outcome.reason;
    if (outcome.kind === 'throttled') response.setHeader('Retry-After', String(outcome.retryAfterSeconds));
    const page = linkUnavailablePage(reason, negotiateLocale(request.headers['accept-language']));
    response.status(page.status).type('html').send(page.html);
  }
}
