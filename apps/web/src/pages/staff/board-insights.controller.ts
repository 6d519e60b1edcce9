// GET /b/<slug>/insights: the operator's view of a board: how many would-be questions the
// "you may be asking" suggestions answered in the last 30 days (server-rendered SVG bars), and
// the escalation queues of experts and staff, oldest first.
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Clock, SignedIn } from '@helpboard/core';
import { BoardService } from '@helpboard/boards';
import {
  BoardInsightsService,
  DeflectionService,
  EscalationQueueService,
  EscalationTier,
  InsightGranularity,
} from '@helpboard/insights';
import { historyChart } from '../people/history-chart.js';
import { html, type SafeHtml } from '../../render/html.js';
import { boardPath } from '../../render/urls.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { formatDate } from '../thread/post.view.js';

const PERIOD_MS = 30 * 24 * 3600 * 1000;
const QUEUE = 20;

/** Horizontal bars, one per figure, labelled in text too (the SVG is decoration for sighted readers). */
function bars(ctx: WebContext, figures: { label: string; value: number }[]): SafeHtml {
  const max = Math.max(1, ...figures.map((f) => f.value));
  const rowHeight = 28;
  return html`<svg class="chart" viewBox="0 0 320 ${figures.length * rowHeight}" role="img" aria-label="${ctx.t('web.insights.chart')}">${figures.map(
    (f, i) =>
      html`<rect x="150" y="${i * rowHeight + 6}" width="${Math.round((f.value / max) * 160)}" height="16" fill="#0a58ca"></rect><text x="0" y="${i * rowHeight + 19}" font-size="12" fill="#1b1f24">${f.label}</text><text x="${154 + Math.round((f.value / max) * 160)}" y="${i * rowHeight + 19}" font-size="12" fill="#1b1f24">${f.value}</text>`,
  )}</svg>`;
}

@Controller('b/:slug')
@UseFilters(WebExceptionFilter)
export class BoardInsightsController {
  constructor(
    private readonly boards: BoardService,
    private readonly deflection: DeflectionService,
    private readonly escalations: EscalationQueueService,
    private readonly reports: BoardInsightsService,
    private readonly clock: Clock,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get('insights')
  async insights(@Req() request: WebRequest, @Res() response: Response, @Param('slug') slug: string) {
    const actor = request.actor!;
    const board = await this.boards.viewBoard(actor, slug);
    const to = this.clock.now();
    const from = new Date(to.getTime() - PERIOD_MS);
    const summary = await this.deflection.summary(actor, slug, from, to);
    const [ctx, experts, staff, report] = await Promise.all([
      this.contexts.create(request),
      this.escalations.queue(actor, { boardSlug: slug, tier: EscalationTier.EXPERTS, limit: QUEUE }),
      this.escalations.queue(actor, { boardSlug: slug, tier: EscalationTier.STAFF, limit: QUEUE }),
      this.reports.insights(actor, { boardSlug: slug }, from, to, InsightGranularity.DAY),
    ]);
    const percent = (share: number) => Math.round(share * 100);
    const tiers = [
      { label: ctx.t('web.insights.selfService'), value: percent(report.totals.selfServiceShare) },
      { label: ctx.t('web.insights.peers'), value: percent(report.totals.peerShare) },
      { label: ctx.t('web.insights.staffShare'), value: percent(report.totals.staffShare) },
      { label: ctx.t('web.insights.unresolved'), value: percent(report.totals.unresolvedShare) },
    ];
    const firstAnswer = report.totals.timeToFirstAnswer.median;
    const { t } = ctx;
    const figures = [
      { label: t('web.insights.shown'), value: summary.suggestionsShown },
      { label: t('web.insights.opened'), value: summary.suggestionOpened },
      { label: t('web.insights.deflected'), value: summary.deflected },
      { label: t('web.insights.askedAnyway'), value: summary.askedAnyway },
    ];
    const queue = (id: string, heading: string, rows: typeof experts) =>
      html`<section class="card" aria-labelledby="${id}"><h2 id="${id}">${heading}</h2>${
        rows.length
          ? html`<ul class="plain">${rows.map(
              (row) =>
                html`<li><a href="/t/${row.question.threadId}">${row.question.title}</a> <span class="muted small">${t('web.insights.escalatedAt', { date: formatDate(ctx, row.question.escalatedAt) })}</span></li>`,
            )}</ul>`
          : html`<p class="muted">${t('web.insights.queueEmpty')}</p>`
      }</section>`;
    const title = t('web.insights.title', { board: board.title });
    const body = html`<h1>${title}</h1><p><a href="${boardPath(slug)}">${board.title}</a></p>
<section class="card" aria-labelledby="deflection"><h2 id="deflection">${t('web.insights.deflection')}</h2>
<dl>${figures.map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>`)}</dl>${bars(ctx, figures)}</section>
<section class="card" aria-labelledby="tiers"><h2 id="tiers">${t('web.insights.tiers')}</h2>
<dl>${tiers.map((f) => html`<dt>${f.label}</dt><dd>${f.value}%</dd>`)}
<dt>${t('web.insights.questions')}</dt><dd>${report.totals.questions}</dd>
<dt>${t('web.insights.firstAnswer')}</dt><dd>${firstAnswer === null ? '–' : t('web.insights.minutes', { count: Math.round(firstAnswer / 60) })}</dd></dl>
${bars(ctx, tiers)}
${historyChart(
  report.series.map((day) => day.figures.questions),
  t('web.insights.questionsPerDay'),
)}</section>
${queue('q-experts', t('web.insights.expertsQueue'), experts)}${queue('q-staff', t('web.insights.staffQueue'), staff)}`;
    sendPage(request, response, layout(ctx, { title, robots: 'noindex', body }));
  }
}
