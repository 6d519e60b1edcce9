// GET /b/<slug>/escalations?tier=…: the board staff's escalation queue, longest waiting first,
// with each question's steps up the ladder; staff take one (the others then leave it to them),
// answer it right there (the thread's own answer
// route) or take it private as a support case, and move cases between their states. The insights
// lib's services authorise every read and action (board staff) as the API does.
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Clock, InvalidInputError, SignedIn } from '@helpboard/core';
import { UsersService } from '@helpboard/identity';
import { EscalationQueueService, EscalationTier, SupportCaseService, SupportCaseState } from '@helpboard/insights';
import { html, type SafeHtml } from '../../render/html.js';
import { threadPath } from '../../render/urls.js';
import { csrfField, layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { type Form, formatDate, outcomeNotice, reasonField, runAction, text } from './staff-common.js';
import { BoardTools, staffNav } from './board-tools.js';

const PAGE = 30;
const TIERS = [EscalationTier.STAFF, EscalationTier.EXPERTS, EscalationTier.CASE];
const HOUR_MS = 3_600_000;

type Row = Awaited<ReturnType<EscalationQueueService['queue']>>[number];
type CaseRow = Awaited<ReturnType<SupportCaseService['casesOf']>>[number];

@Controller()
@UseFilters(WebExceptionFilter)
export class EscalationsPageController {
  constructor(
    private readonly queue: EscalationQueueService,
    private readonly cases: SupportCaseService,
    private readonly users: UsersService,
    private readonly contexts: WebContextFactory,
    private readonly tools: BoardTools,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Get('b/:slug/escalations')
  async escalations(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const tier = TIERS.find((x) => x === query.tier) ?? EscalationTier.STAFF;
    const after = text(query.after) || null;
    const rows = await this.queue.queue(request.actor!, { boardSlug: slug, tier, limit: PAGE + 1, after });
    const shown = rows.slice(0, PAGE);
    const [ctx, cases, takers, tools] = await Promise.all([
      this.contexts.create(request, response),
      this.cases.casesOf(shown.map((row) => row.threadId.toHexString())),
      this.users.findByIds([...new Set(shown.flatMap((row) => (row.takenBy ? [row.takenBy.toHexString()] : [])))]),
      this.tools.onSlug(request.actor!, slug),
    ]);
    const takerNames = new Map(takers.map((u) => [u._id.toHexString(), u.displayName]));
    const caseOf = new Map(cases.map((record) => [record.threadId.toHexString(), record]));
    const { t } = ctx;
    const back = `/b/${slug}/escalations?tier=${tier}`;
    const tabs = TIERS.map(
      (x) =>
        html`<li><a href="/b/${slug}/escalations?tier=${x}"${x === tier ? html` aria-current="page"` : null}>${t(`web.staff.tier.${x}`)}</a></li>`,
    );
    const body = html`${staffNav(ctx, slug, tools, 'escalations')}
      <h1>${t('web.staff.escalations.title')}</h1>
      ${outcomeNotice(ctx, query)}
      <nav aria-label="${t('web.staff.escalations.tiers')}"><ul class="pill-nav">${tabs}</ul></nav>
      ${shown.length ? shown.map((row) => this.card(ctx, row, caseOf.get(row.threadId.toHexString()), back, takerNames, request.actor!.userId)) : html`<p class="card muted">${t('web.staff.escalations.empty')}</p>`}`;
    sendPage(request, response, layout(ctx, { title: t('web.staff.escalations.title'), robots: 'noindex', body }));
  }

  private card(
    ctx: WebContext,
    row: Row,
    supportCase: CaseRow | undefined,
    back: string,
    takers: Map<string, string>,
    viewerId: string,
  ): SafeHtml {
    const { t, locale } = ctx;
    const id = row.threadId.toHexString();
    const take = row.takenBy?.equals(viewerId)
      ? html`<p class="small"><span class="label official">${t('web.staff.escalations.takenByYou')}</span></p>`
      : html`<form method="post" action="/escalations/${id}/take">${csrfField(ctx)}<input type="hidden" name="back" value="${`${back}#q-${id}`}" />
          ${row.takenBy ? html`<p class="small muted">${t('web.staff.escalations.takenBy', { name: takers.get(row.takenBy.toHexString()) ?? '' })}</p>` : null}
          <button type="submit" class="secondary">${t('web.staff.escalations.take')}</button></form>`;
    const path = threadPath({ id, title: row.title });
    const waitedHours = Math.max(
      0,
      Math.floor((this.clock.now().getTime() - row.question.askedAt.getTime()) / HOUR_MS),
    );
    const steps = row.question.steps.map(
      (step) =>
        html`<li>${t(`web.staff.tier.${step.step}`)} · ${formatDate(step.at, locale)}${step.reason ? html` · ${stepReason(ctx, step.reason)}` : null}</li>`,
    );
    const caseBlock = supportCase
      ? html`<form method="post" action="/cases/${supportCase._id.toHexString()}/state">${csrfField(ctx)}<input type="hidden" name="back" value="${back}" />
          <p><span class="label official">${t(`web.staff.case.${supportCase.state}`)}</span> ${supportCase.reason}</p>
          <label for="case-${id}">${t('web.staff.case.move')}</label>
          <select id="case-${id}" name="state">${Object.values(SupportCaseState).map((s) => html`<option value="${s}"${s === supportCase.state ? html` selected` : null}>${t(`web.staff.case.${s}`)}</option>`)}</select>
          <button type="submit" class="secondary">${t('web.staff.case.save')}</button></form>`
      : html`<details><summary>${t('web.staff.escalations.toCase')}</summary>
          <form method="post" action="/escalations/${id}/case">${csrfField(ctx)}<input type="hidden" name="back" value="${back}" />
            ${reasonField(ctx, `case-reason-${id}`, t('web.staff.escalations.caseReason'))}
            <button type="submit">${t('web.staff.escalations.toCase')}</button></form></details>`;
    return html`<article class="card" id="q-${id}" aria-labelledby="q-${id}-h">
      <h2 id="q-${id}-h"><a href="${path}">${row.title}</a></h2>
      <p class="small muted">${t('web.staff.escalations.asked', { date: formatDate(row.question.askedAt, locale) })} · ${t('web.staff.escalations.waited', { hours: waitedHours })}${row.untilAccepted ? html` · ${t('web.staff.escalations.untilAccepted')}` : null}</p>
      ${take}
      <h3>${t('web.staff.escalations.steps')}</h3><ul class="small">${steps}</ul>
      <details><summary>${t('web.staff.escalations.answer')}</summary>
        <form method="post" action="/t/${id}/answer">${csrfField(ctx)}
          <label for="answer-${id}">${t('web.post.body')}</label>
          <textarea id="answer-${id}" name="body" required></textarea>
          <button type="submit">${t('web.staff.escalations.postAnswer')}</button></form></details>
      ${caseBlock}
    </article>`;
  }

  @SignedIn()
  @Post('escalations/:id/take')
  @HttpCode(200)
  take(@Req() request: WebRequest, @Res() response: Response, @Param('id') threadId: string, @Body() form: Form) {
    return runAction(request, response, text(form.back), async () => {
      await this.queue.take(request.actor!, threadId);
      return 'taken';
    });
  }

  @SignedIn()
  @Post('escalations/:id/case')
  @HttpCode(200)
  toCase(@Req() request: WebRequest, @Res() response: Response, @Param('id') threadId: string, @Body() form: Form) {
    return runAction(request, response, text(form.back), async () => {
      await this.cases.escalateToCase(request.actor!, threadId, text(form.reason));
      return 'caseOpened';
    });
  }

  @SignedIn()
  @Post('cases/:id/state')
  @HttpCode(200)
  caseState(@Req() request: WebRequest, @Res() response: Response, @Param('id') caseId: string, @Body() form: Form) {
    return runAction(request, response, text(form.back), async () => {
      const state = Object.values(SupportCaseState).find((s) => s === form.state);
      if (!state) throw new InvalidInputError([{ field: 'state', message: 'INVALID_VALUE' }]);
      await this.cases.setState(request.actor!, caseId, state);
      return 'caseMoved';
    });
  }
}

/** Why a step was taken: the ladder's own codes in words; a staff member's typed reason as given. */
function stepReason(ctx: WebContext, reason: string): string {
  const key = `web.staff.stepReason.${reason}`;
  const words = ctx.t(key);
  if (words !== key) return words;
  return /^[A-Z_]+$/.test(reason) ? ctx.t('web.staff.stepReason.other') : reason;
}
