// GET /me/staff: where a signed-in person's staff pages are — their referral page, and for each
// board they hold a team role on, the pages that role opens (each page checks it again).
import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { SignedIn } from '@helpboard/core';
import { BoardRole, MembershipService } from '@helpboard/boards';
import { html } from '../../render/html.js';
import { boardPath } from '../../render/urls.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import type { StaffSection } from './staff-common.js';

/** The sections each role may open, as the board permission rules grant them. */
const SECTIONS: Partial<Record<BoardRole, StaffSection[]>> = {
  [BoardRole.STAFF]: ['insights', 'alerts', 'escalations'],
  [BoardRole.MODERATOR]: ['review', 'moderation', 'insights', 'alerts'],
  [BoardRole.OWNER]: ['review', 'moderation', 'insights', 'alerts'],
};

@Controller()
@UseFilters(WebExceptionFilter)
export class StaffHomeController {
  constructor(
    private readonly memberships: MembershipService,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get('me/staff')
  async home(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const [ctx, boards] = await Promise.all([
      this.contexts.create(request),
      this.memberships.boardsWithRolesOf(request.actor!.userId, Object.keys(SECTIONS) as BoardRole[]),
    ]);
    const { t } = ctx;
    const list = boards.length
      ? html`<ul class="plain">${boards.map(
          ({ board, role }) =>
            html`<li><a href="${boardPath(board.slug)}">${board.title}</a> <span class="badge ${role === BoardRole.STAFF ? 'staff' : 'expert'}">${t(`web.staff.role.${role}`)}</span>
              <ul class="pill-nav">${(SECTIONS[role] ?? []).map((section) => html`<li><a href="/b/${board.slug}/${section}">${t(`web.staff.section.${section}`)}</a></li>`)}</ul></li>`,
        )}</ul>`
      : html`<p class="muted">${t('web.staff.home.none')}</p>`;
    const body = html`<h1>${t('web.staff.home.title')}</h1>
      <section class="card" aria-labelledby="home-rep"><h2 id="home-rep">${t('web.staff.referrals.title')}</h2>
        <p><a href="/me/referrals">${t('web.staff.home.referrals')}</a></p></section>
      <section class="card" aria-labelledby="home-boards"><h2 id="home-boards">${t('web.staff.home.boards')}</h2>${list}</section>`;
    sendPage(request, response, layout(ctx, { title: t('web.staff.home.title'), robots: 'noindex', body }));
  }
}
