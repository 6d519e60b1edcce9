// GET /b/<slug>/alerts: the board's early-warning alerts (question spikes, bursts of negative
// posts, influential members turning negative), open ones first, each with its evidence threads;
// staff acknowledge one with an optional note. The insights lib authorises (VIEW_INSIGHTS).
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { SignedIn } from '@helpboard/core';
import { UsersService } from '@helpboard/identity';
import { type AlertRecord, AlertService } from '@helpboard/insights';
import { html, type SafeHtml } from '../../render/html.js';
import { threadPath, userPath } from '../../render/urls.js';
import { csrfField, layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { type Form, formatDate, outcomeNotice, runAction, text } from './staff-common.js';
import { BoardTools, staffNav } from './board-tools.js';

const PAGE = 30;

@Controller()
@UseFilters(WebExceptionFilter)
export class AlertsPageController {
  constructor(
    private readonly alerts: AlertService,
    private readonly users: UsersService,
    private readonly contexts: WebContextFactory,
    private readonly tools: BoardTools,
  ) {}

  @SignedIn()
  @Get('b/:slug/alerts')
  async list(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const actor = request.actor!;
    const open = await this.alerts.list(actor, { boardSlug: slug }, false, PAGE);
    const done = await this.alerts.list(actor, { boardSlug: slug }, true, PAGE);
    const userIds = [...open, ...done].flatMap((a) =>
      [a.userId, a.acknowledgedBy].flatMap((id) => (id ? [id.toHexString()] : [])),
    );
    const [ctx, people, tools] = await Promise.all([
      this.contexts.create(request, response),
      this.users.findByIds([...new Set(userIds)]),
      this.tools.onSlug(actor, slug),
    ]);
    const names = new Map(people.map((u) => [u._id.toHexString(), u]));
    const { t } = ctx;
    const section = (id: string, title: string, rows: AlertRecord[]) =>
      html`<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${
        rows.length
          ? rows.map((alert) => alertCard(ctx, alert, names, `/b/${slug}/alerts`))
          : html`<p class="card muted">${t('web.staff.alerts.none')}</p>`
      }</section>`;
    const body = html`${staffNav(ctx, slug, tools, 'alerts')}
      <h1>${t('web.staff.alerts.title')}</h1>
      ${outcomeNotice(ctx, query)}
      ${section('alerts-open', t('web.staff.alerts.open'), open)}
      ${section('alerts-done', t('web.staff.alerts.acknowledged'), done)}`;
    sendPage(request, response, layout(ctx, { title: t('web.staff.alerts.title'), robots: 'noindex', body }));
  }

  @SignedIn()
  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  acknowledge(@Req() request: WebRequest, @Res() response: Response, @Param('id') alertId: string, @Body() form: Form) {
    return runAction(request, response, text(form.back), async () => {
      await this.alerts.acknowledge(request.actor!, alertId, text(form.note).trim() || null);
      return 'acknowledged';
    });
  }
}

function alertCard(
  ctx: WebContext,
  alert: AlertRecord,
  people: Map<string, { handle: string; displayName: string }>,
  back: string,
): SafeHtml {
  const { t, locale } = ctx;
  const id = alert._id.toHexString();
  const who = alert.userId ? people.get(alert.userId.toHexString()) : undefined;
  const by = alert.acknowledgedBy ? people.get(alert.acknowledgedBy.toHexString()) : undefined;
  const subject = alert.tag
    ? html`<span class="tag">${alert.tag}</span>`
    : who
      ? html`<a href="${userPath(who.handle)}">${who.displayName}</a>`
      : null;
  const acknowledged = alert.acknowledgedAt
    ? html`<p class="small">${t('web.staff.alerts.acknowledgedBy', { name: by?.displayName ?? '', date: formatDate(alert.acknowledgedAt, locale) })}${alert.note ? html` — ${alert.note}` : null}</p>`
    : html`<form method="post" action="/alerts/${id}/acknowledge">${csrfField(ctx)}<input type="hidden" name="back" value="${back}" />
        <label for="note-${id}">${t('web.staff.alerts.note')}</label><input id="note-${id}" name="note" type="text" maxlength="500" />
        <button type="submit">${t('web.staff.alerts.acknowledge')}</button></form>`;
  return html`<article class="card" id="alert-${id}" aria-labelledby="alert-${id}-h">
    <h3 id="alert-${id}-h"><span class="label closed">${t(`web.staff.alertKind.${alert.kind}`)}</span> ${subject}</h3>
    <p class="small muted">${t('web.staff.alerts.figures', { observed: alert.observed, baseline: Math.round(alert.baseline * 10) / 10 })} · ${formatDate(alert.raisedAt, locale)}${alert.signals.length > 1 ? html` · ${alert.signals.map((s) => t(`web.staff.alertKind.${s}`)).join(', ')}` : null}</p>
    ${alert.threads.length ? html`<ul class="small">${alert.threads.map((thread) => html`<li><a href="${threadPath({ id: thread.threadId.toHexString(), title: thread.title })}">${thread.title}</a></li>`)}</ul>` : null}
    ${acknowledged}
  </article>`;
}
