// GET /inbox: your notifications, unread ones first (each list pages on its own keyset cursor),
// with "mark read" per item and "mark all read". Each item opens through /inbox/open/<id>, which
// marks it read and lands on the exact answer or comment it is about.
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { SignedIn } from '@helpboard/core';
import { NotificationService, notificationLink } from '@helpboard/notifications';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import { type WebRequest, wantsJson } from '../../http/web-request.js';
import { inboxView, INBOX_PAGE } from './inbox.view.js';

const cursorParam = (value: unknown) => (typeof value === 'string' && value.length <= 200 ? value : null);

@Controller('inbox')
@UseFilters(WebExceptionFilter)
export class InboxController {
  constructor(
    private readonly notifications: NotificationService,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get()
  async inbox(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Query('unread') unreadAfter?: string,
    @Query('earlier') earlierAfter?: string,
  ) {
    const actor = request.actor!;
    const ctx = await this.contexts.create(request, response);
    // Paging the earlier ones leaves the unread list out (it is on the first page).
    const showUnread = !earlierAfter;
    const showEarlier = !unreadAfter;
    const [unread, earlier] = await Promise.all([
      showUnread
        ? this.notifications.list(actor, { only: 'unread', limit: INBOX_PAGE + 1, after: cursorParam(unreadAfter) })
        : null,
      showEarlier
        ? this.notifications.list(actor, { only: 'read', limit: INBOX_PAGE + 1, after: cursorParam(earlierAfter) })
        : null,
    ]);
    sendPage(request, response, inboxView(ctx, { unread, earlier }));
  }

  /**
   * The page script's credential for the live bell: the session's current access token (the
   * same one its HttpOnly cookie holds, valid minutes), for graphql-ws connection params, since
   * /graphql stays bearer-only. Same-origin JSON: other sites cannot read it.
   */
  @SignedIn()
  @Get('live-token')
  liveToken(@Req() request: WebRequest, @Res() response: Response) {
    const bearer = request.headers.authorization ?? '';
    response.setHeader('Cache-Control', 'private, no-store');
    if (!wantsJson(request) || !bearer.startsWith('Bearer ')) return response.status(404).end();
    response.json({ token: bearer.slice('Bearer '.length) });
  }

  @SignedIn()
  @Get('open/:id')
  async open(@Req() request: WebRequest, @Res() response: Response, @Param('id') id: string) {
    const record = await this.notifications.open(request.actor!, id);
    const link = record ? notificationLink(record, '') : null;
    response.redirect(303, link ?? '/inbox');
  }

  @SignedIn()
  @Post('read')
  async markRead(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    const id = typeof body.id === 'string' ? body.id : null;
    await this.notifications.markRead(request.actor!, id ? [id] : []);
    response.redirect(303, '/inbox');
  }

  @SignedIn()
  @Post('read-all')
  async markAllRead(@Req() request: WebRequest, @Res() response: Response) {
    await this.notifications.markRead(request.actor!, null);
    response.redirect(303, '/inbox');
  }
}
