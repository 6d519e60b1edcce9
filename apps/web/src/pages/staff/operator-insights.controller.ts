// GET /o/<slug>/insights: an operator admin's view across all of the operator's boards — the
// operator's 30-day figures (tiers, response times, staff KPIs apart from peers'), the same
// figures board by board with the totals, and the open early-warning alerts of every board; and
// GET /o/<slug>/insights.csv, the board-by-board table as a spreadsheet. The insights lib authorises
// (operator admins, platform admins): others get the forbidden page and no figures.
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, Clock, SignedIn } from '@helpboard/core';
import { type BoardRecord, BoardService, OperatorService } from '@helpboard/boards';
import {
  AlertService,
  BoardInsightsService,
  flatten,
  InsightGranularity,
  type InsightFiguresValue,
  rowsAsCsv,
} from '@helpboard/insights';
import { html } from '../../render/html.js';
import { operatorPath } from '../../render/urls.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { serviceFigures } from './service-figures.view.js';
import { formatDate } from './staff-common.js';

const DAY_MS = 86_400_000;
const DAYS = 30;
/** An operator's boards read for the table (the operator page lists as many). */
const BOARDS = 100;
const ALERTS = 20;

const percent = (share: number) => `${Math.round(share * 100)}%`;

@Controller()
@UseFilters(WebExceptionFilter)
export class OperatorInsightsController {
  constructor(
    private readonly insights: BoardInsightsService,
    private readonly alerts: AlertService,
    private readonly operators: OperatorService,
    private readonly boards: BoardService,
    private readonly contexts: WebContextFactory,
    private readonly clock: Clock,
  ) {}

  /** The operator's figures (this authorises), then each board's over the same days. */
  private async figures(actor: Actor, slug: string) {
    const now = this.clock.now();
    const from = new Date(now.getTime() - DAYS * DAY_MS);
    const total = await this.insights.insights(actor, { operatorSlug: slug }, from, now, InsightGranularity.DAY);
    const boards = await this.boards.listBoards(actor, { operatorSlug: slug, limit: BOARDS });
    const perBoard = await Promise.all(
      boards.map(async (board) => ({
        board,
        figures: (await this.insights.insights(actor, { boardSlug: board.slug }, from, now, InsightGranularity.DAY))
          .totals,
      })),
    );
    return { total, perBoard };
  }

  @SignedIn()
  @Get('o/:slug/insights')
  async page(@Req() request: WebRequest, @Res() response: Response, @Param('slug') slug: string): Promise<void> {
    const actor = request.actor!;
    const { total, perBoard } = await this.figures(actor, slug);
    const [ctx, operator, alerts] = await Promise.all([
      this.contexts.create(request),
      this.operators.requireBySlug(slug),
      this.alerts.list(actor, { operatorSlug: slug }, false, ALERTS),
    ]);
    const { t, locale } = ctx;
    const boardById = new Map(perBoard.map(({ board }) => [board._id.toHexString(), board]));
    const row = (f: InsightFiguresValue) =>
      html`<td>${f.questions}</td><td>${f.resolvedBySelfService} (${percent(f.selfServiceShare)})</td><td>${f.deflectedAsks}</td>
        <td>${f.resolvedByPeers}</td><td>${f.resolvedByStaff}</td><td>${f.unresolved}</td><td>${f.staff.answers}</td><td>${f.peers.answers}</td>`;
    const table = html`<section class="card" aria-labelledby="boards-h"><h2 id="boards-h">${t('web.staff.operator.byBoard')}</h2>
      <p><a class="button secondary" href="/o/${slug}/insights.csv" download>${t('web.staff.operator.csv')}</a></p>
      <div class="scroll"><table><caption class="vh">${t('web.staff.operator.byBoard')}</caption>
        <thead><tr><th scope="col">${t('web.staff.operator.board')}</th><th scope="col">${t('web.staff.operator.questions')}</th>
          <th scope="col">${t('web.staff.insights.selfService')}</th><th scope="col">${t('web.staff.insights.deflected')}</th>
          <th scope="col">${t('web.staff.insights.peers')}</th><th scope="col">${t('web.staff.insights.staff')}</th>
          <th scope="col">${t('web.staff.insights.unresolved')}</th><th scope="col">${t('web.staff.operator.staffAnswers')}</th>
          <th scope="col">${t('web.staff.operator.peerAnswers')}</th></tr></thead>
        <tbody>${perBoard.map(
          ({ board, figures }) =>
            html`<tr><th scope="row"><a href="/b/${board.slug}/insights">${board.title}</a></th>${row(figures)}</tr>`,
        )}</tbody>
        <tfoot><tr><th scope="row">${t('web.staff.operator.total')}</th>${row(total.totals)}</tr></tfoot></table></div></section>`;
    const alertList = html`<section class="card" aria-labelledby="alerts-h"><h2 id="alerts-h">${t('web.staff.operator.alerts')}</h2>${
      alerts.length
        ? html`<ul class="plain">${alerts.map((alert) => {
            const board: BoardRecord | undefined = boardById.get(alert.boardId.toHexString());
            return html`<li><span class="label">${t(`web.staff.alertKind.${alert.kind}`)}</span> ${
              board ? html`<a href="/b/${board.slug}/alerts">${board.title}</a>` : null
            } <span class="muted small">${formatDate(alert.raisedAt, locale)}</span></li>`;
          })}</ul>`
        : html`<p class="muted">${t('web.staff.alerts.none')}</p>`
    }</section>`;
    const title = t('web.staff.operator.title', { operator: operator.name });
    const body = html`<p class="small"><a href="${operatorPath(slug)}">${operator.name}</a> · <a href="/o/${slug}/admin">${t('web.staff.home.operatorAdmin')}</a> · <a href="/me/staff">${t('web.nav.staffDesk')}</a></p>
      <h1>${title}</h1>
      <div class="tiles">
        <p class="card"><span class="big">${percent(total.totals.selfServiceShare)}</span> ${t('web.staff.insights.selfService30')}</p>
        <p class="card"><span class="big">${total.totals.deflectedAsks}</span> ${t('web.staff.insights.deflected30')}</p>
        <p class="card"><span class="big">${total.totals.questions}</span> ${t('web.staff.insights.questions30')}</p>
      </div>
      ${table}${alertList}${serviceFigures(ctx, total, 14)}`;
    sendPage(request, response, layout(ctx, { title, robots: 'noindex', body }));
  }

  /** One row per board, then the operator's total; columns are the figures' names (as the CLI's). */
  @SignedIn()
  @Get('o/:slug/insights.csv')
  async csv(@Req() request: WebRequest, @Res() response: Response, @Param('slug') slug: string): Promise<void> {
    const { total, perBoard } = await this.figures(request.actor!, slug);
    const rows = [
      ...perBoard.map(({ board, figures }) => ({ scope: 'BOARD', slug: board.slug, ...flatten(figures) })),
      { scope: 'OPERATOR', slug, ...flatten(total.totals) },
    ];
    const day = (date: Date) => date.toISOString().slice(0, 10);
    response
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader(
        'content-disposition',
        `attachment; filename="${slug}-insights-${day(total.from)}-${day(total.to)}.csv"`,
      )
      .setHeader('cache-control', 'private, no-store')
      .send(rowsAsCsv(rows));
  }
}
