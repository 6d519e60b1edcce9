// GET /b/<slug>/insights: the operators' dashboard of a board — which tier resolved its needs,
// response times, staff KPIs apart from peers', questions per day (boardInsights, last 30 days),
// what "you may be asking" deflected, and how many questions wait at each escalation tier — drawn
// as server-side SVG with the same figures in tables. The insights lib's services authorise every
// figure (VIEW_INSIGHTS; the escalation counts need the staff role and are left out without it).
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, Clock, DomainError, ErrorCode, SignedIn } from '@helpboard/core';
import { BoardService } from '@helpboard/boards';
import {
  BoardInsightsService,
  DeflectionService,
  EscalationQueueService,
  EscalationTier,
  InsightGranularity,
} from '@helpboard/insights';
import { html } from '../../render/html.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { type Bar, barChart, figuresTable } from './svg-chart.js';
import { BoardTools, staffNav } from './board-tools.js';
import { serviceFigures } from './service-figures.view.js';

const DAY_MS = 24 * 3_600_000;
const DAYS = 7;
/** Counted up to this many per tier; more shows as "100+". */
const QUEUE_COUNT_LIMIT = 100;
const TIERS = [EscalationTier.EXPERTS, EscalationTier.STAFF, EscalationTier.CASE];

@Controller()
@UseFilters(WebExceptionFilter)
export class InsightsPageController {
  constructor(
    private readonly deflection: DeflectionService,
    private readonly insights: BoardInsightsService,
    private readonly queue: EscalationQueueService,
    private readonly boards: BoardService,
    private readonly contexts: WebContextFactory,
    private readonly tools: BoardTools,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Get('b/:slug/insights')
  async dashboard(@Req() request: WebRequest, @Res() response: Response, @Param('slug') slug: string): Promise<void> {
    const actor = request.actor!;
    const now = this.clock.now();
    const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
    // The 30-day figures first: they authorise (a forbidden viewer gets the forbidden page, no
    // figures). Every headline number comes from this one report, so they cannot disagree.
    const report = await this.insights.insights(
      actor,
      { boardSlug: slug },
      new Date(now.getTime() - 30 * DAY_MS),
      now,
      InsightGranularity.DAY,
    );
    const days = Array.from({ length: DAYS }, (_, i) => new Date(today.getTime() - (DAYS - 1 - i) * DAY_MS));
    const [ctx, board, week, daily, counts, tools] = await Promise.all([
      this.contexts.create(request),
      this.boards.requireBoard(slug),
      this.deflection.summary(actor, slug, new Date(now.getTime() - DAYS * DAY_MS), now),
      Promise.all(days.map((day) => this.deflection.summary(actor, slug, day, new Date(day.getTime() + DAY_MS)))),
      this.waitingByTier(actor, slug),
      this.tools.onSlug(actor, slug),
    ]);
    const { t, locale } = ctx;
    const waiting = counts?.map((value, i): Bar => ({ label: t(`web.staff.tier.${TIERS[i]}`), value })) ?? null;
    const funnel = (summary: typeof week): Bar[] => [
      { label: t('web.staff.insights.shown'), value: summary.suggestionsShown },
      { label: t('web.staff.insights.opened'), value: summary.suggestionOpened },
      { label: t('web.staff.insights.deflected'), value: summary.deflected },
      { label: t('web.staff.insights.askedAnyway'), value: summary.askedAnyway },
      { label: t('web.staff.insights.pending'), value: summary.pending },
    ];
    const dayLabel = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const perDay: Bar[] = daily.map((summary, i) => ({ label: dayLabel.format(days[i]), value: summary.deflected }));
    const rate = (s: typeof week) => (s.suggestionsShown ? Math.round((100 * s.deflected) / s.suggestionsShown) : 0);
    const headers: [string, string] = [t('web.staff.insights.figure'), t('web.staff.insights.count')];
    const escalations = waiting
      ? html`<section class="card" aria-labelledby="esc-h"><h2 id="esc-h">${t('web.staff.insights.waiting')}</h2>
          ${barChart({ id: 'chart-tiers', title: t('web.staff.insights.waiting'), description: t('web.staff.insights.waitingDesc'), bars: waiting, colour: '#8a4600' })}
          ${figuresTable(t('web.staff.insights.waiting'), [t('web.staff.insights.tier'), t('web.staff.insights.count')], waiting, t('web.staff.insights.showTable'))}
          <p><a href="/b/${slug}/escalations">${t('web.staff.insights.openQueue')}</a></p></section>`
      : null;
    const body = html`${staffNav(ctx, slug, tools, 'insights')}
      <h1>${t('web.staff.insights.title', { board: board.title })}</h1>
      <div class="tiles">
        <p class="card"><span class="big">${Math.round(report.totals.selfServiceShare * 100)}%</span> ${t('web.staff.insights.selfService30')}</p>
        <p class="card"><span class="big">${rate(week)}%</span> ${t('web.staff.insights.rate7')}</p>
        <p class="card"><span class="big">${report.totals.questions}</span> ${t('web.staff.insights.questions30')}</p>
        <p class="card"><span class="big">${report.totals.deflectedAsks}</span> ${t('web.staff.insights.deflected30')}</p>
      </div>
      ${serviceFigures(ctx, report, 14)}
      <section class="card" aria-labelledby="funnel-h"><h2 id="funnel-h">${t('web.staff.insights.funnel')}</h2>
        ${barChart({ id: 'chart-funnel', title: t('web.staff.insights.funnel'), description: t('web.staff.insights.funnelDesc'), bars: funnel(week) })}
        ${figuresTable(t('web.staff.insights.funnel'), headers, funnel(week), t('web.staff.insights.showTable'))}</section>
      <section class="card" aria-labelledby="daily-h"><h2 id="daily-h">${t('web.staff.insights.daily')}</h2>
        ${barChart({ id: 'chart-daily', title: t('web.staff.insights.daily'), description: t('web.staff.insights.dailyDesc'), bars: perDay, colour: '#116329' })}
        ${figuresTable(t('web.staff.insights.daily'), [t('web.staff.insights.day'), t('web.staff.insights.deflected')], perDay, t('web.staff.insights.showTable'))}</section>
      ${escalations}`;
    sendPage(
      request,
      response,
      layout(ctx, { title: t('web.staff.insights.title', { board: board.title }), robots: 'noindex', body }),
    );
  }

  /** Questions waiting per tier, or null when the viewer may see insights but is not staff. */
  private async waitingByTier(actor: Actor, slug: string): Promise<number[] | null> {
    try {
      const counts = await Promise.all(
        TIERS.map((tier) => this.queue.queue(actor, { boardSlug: slug, tier, limit: QUEUE_COUNT_LIMIT + 1 })),
      );
      return counts.map((rows) => Math.min(rows.length, QUEUE_COUNT_LIMIT));
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.Forbidden) return null;
      throw error;
    }
  }
}
