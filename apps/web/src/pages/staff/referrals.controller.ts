// GET /me/referrals: a rep's referral desk — the campaigns they may promote (POST .../links makes a
// link), their links ready to copy, what each answer brought in (clicks, conversions, commissions by
// status), their latest commissions and payouts. Only ever the signed-in rep's own figures.
import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ForbiddenError, InvalidInputError, SignedIn } from '@helpboard/core';
import { CommissionStatus, RepDeskService, RepEarningsService, type StatusTotal } from '@helpboard/referrals';
import { html, type SafeHtml } from '../../render/html.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { type PostLink, PostTitles } from './post-titles.js';
import { type Form, formatDate, formatMoney, outcomeNotice, runAction, text } from './staff-common.js';
import { campaignsSection, copyableLink, payoutsSection } from './referral-desk.view.js';

const LIMIT = 50;
const STATUSES = Object.values(CommissionStatus);

@Controller()
@UseFilters(WebExceptionFilter)
export class ReferralsPageController {
  constructor(
    private readonly earnings: RepEarningsService,
    private readonly desk: RepDeskService,
    private readonly titles: PostTitles,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get('me/referrals')
  async referrals(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const actor = request.actor!;
    const [ctx, mine, promotable, payouts] = await Promise.all([
      this.contexts.create(request, response),
      this.earnings.ofRep(actor, LIMIT),
      this.desk.promotable(actor),
      this.desk.payoutsOf(actor),
    ]);
    // Reps' desk: a customer without the role (and without a rep's past earnings) gets the
    // forbidden page, as on every other staff page, not an empty desk.
    const hasHistory = mine.links.length > 0 || mine.commissions.length > 0 || payouts.length > 0;
    if (!ctx.viewer?.reach.isRep && !hasHistory) throw new ForbiddenError('BOARD_ROLE_REQUIRED');
    const postIds = [
      ...mine.answers.flatMap((a) => (a.postId ? [a.postId] : [])),
      ...mine.links.flatMap((l) => (l.link.postId ? [l.link.postId.toHexString()] : [])),
      ...mine.commissions.flatMap((c) => (c.postId ? [c.postId.toHexString()] : [])),
    ];
    const posts = await this.titles.linksFor(actor, postIds);
    const { t, locale } = ctx;
    const money = (amountMinor: number, currency: string) => formatMoney(amountMinor, currency, locale);
    const postCell = (postId: string | null) => answerLink(ctx, postId ? posts.get(postId) : undefined);

    const totals = [...mine.totals].sort((a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status));
    const summary = totals.length
      ? html`<ul class="plain">
          ${totals.map(
            (row) =>
              html`<li><span class="label">${t(`web.staff.commission.${row.status}`)}</span> ${money(row.amountMinor, row.currency)} · ${t('web.staff.referrals.count', { count: row.count })}</li>`,
          )}
        </ul>`
      : html`<p class="muted">${t('web.staff.referrals.noCommissions')}</p>`;

    const byAnswer = mine.answers.length
      ? html`<div class="scroll"><table>
          <caption class="vh">${t('web.staff.referrals.byAnswer')}</caption>
          <thead><tr><th scope="col">${t('web.staff.referrals.answer')}</th><th scope="col">${t('web.staff.referrals.clicks')}</th><th scope="col">${t('web.staff.referrals.conversions')}</th>${STATUSES.map((s) => html`<th scope="col">${t(`web.staff.commission.${s}`)}</th>`)}</tr></thead>
          <tbody>${mine.answers.map(
            (row) =>
              html`<tr><th scope="row">${postCell(row.postId)}</th><td>${row.clicks}</td><td>${row.conversions}</td>${STATUSES.map(
                (status) => html`<td>${cellFor(row.byStatus, status, money)}</td>`,
              )}</tr>`,
          )}</tbody></table></div>`
      : html`<p class="muted">${t('web.staff.referrals.noAnswers')}</p>`;

    const links = mine.links.length
      ? html`<div class="scroll"><table>
          <caption class="vh">${t('web.staff.referrals.links')}</caption>
          <thead><tr><th scope="col">${t('web.staff.referrals.link')}</th><th scope="col">${t('web.staff.referrals.answer')}</th><th scope="col">${t('web.staff.referrals.clicks')}</th><th scope="col">${t('web.staff.referrals.visitors')}</th><th scope="col">${t('web.staff.referrals.conversions')}</th><th scope="col">${t('web.staff.referrals.earned')}</th></tr></thead>
          <tbody>${mine.links.map(
            (row) =>
              html`<tr data-link="${row.link.code}"><th scope="row">${copyableLink(ctx, `${ctx.baseUrl}/r/${row.link.code}`, `link-${row.link.code}`)}${row.link.disabledAt ? html` <span class="label closed">${t('web.staff.referrals.disabled')}</span>` : null}</th><td>${postCell(row.link.postId?.toHexString() ?? null)}</td><td>${row.clicks}</td><td>${row.uniqueVisitors}</td><td>${row.conversions}</td><td>${money(row.earningsMinor, row.currency)}</td></tr>`,
          )}</tbody></table></div>`
      : html`<p class="muted">${t('web.staff.referrals.noLinks')}</p>`;

    const commissions = mine.commissions.length
      ? html`<div class="scroll"><table>
          <caption class="vh">${t('web.staff.referrals.recent')}</caption>
          <thead><tr><th scope="col">${t('web.staff.referrals.when')}</th><th scope="col">${t('web.staff.referrals.answer')}</th><th scope="col">${t('web.staff.referrals.amount')}</th><th scope="col">${t('web.staff.referrals.status')}</th></tr></thead>
          <tbody>${mine.commissions.map(
            (row) =>
              html`<tr data-commission="${row._id.toHexString()}"><td>${formatDate(row.createdAt, locale)}</td><td>${postCell(row.postId?.toHexString() ?? null)}</td><td>${money(row.amountMinor, row.currency)}</td><td><span class="label">${t(`web.staff.commission.${row.status}`)}</span>${row.reason ? html` ${t(`web.staff.commissionReason.${row.reason}`)}` : null}${row.frozenAt ? html` · ${t('web.staff.referrals.frozen')}` : null}${row.needsReview ? html` · ${t('web.staff.referrals.needsReview')}` : null}${row.status === CommissionStatus.PENDING ? html`<div class="small muted">${t('web.staff.referrals.holdUntil', { date: formatDate(row.holdUntil, locale) })}</div>` : null}</td></tr>`,
          )}</tbody></table></div>`
      : null;

    const body = html`<h1>${t('web.staff.referrals.title')}</h1>
      <p class="muted">${t('web.staff.referrals.intro')}</p>${outcomeNotice(ctx, query)}
      ${campaignsSection(ctx, promotable)}
      <section class="card" aria-labelledby="ref-total"><h2 id="ref-total">${t('web.staff.referrals.total')}</h2>${summary}</section>
      <section class="card" aria-labelledby="ref-answers"><h2 id="ref-answers">${t('web.staff.referrals.byAnswer')}</h2>${byAnswer}</section>
      <section class="card" aria-labelledby="ref-links"><h2 id="ref-links">${t('web.staff.referrals.links')}</h2>${links}</section>
      ${commissions ? html`<section class="card" aria-labelledby="ref-recent"><h2 id="ref-recent">${t('web.staff.referrals.recent')}</h2>${commissions}</section>` : null}
      ${payoutsSection(ctx, payouts)}`;
    sendPage(request, response, layout(ctx, { title: t('web.staff.referrals.title'), robots: 'noindex', body }));
  }

  @SignedIn()
  @Post('me/referrals/links')
  @HttpCode(200)
  createLink(@Req() request: WebRequest, @Res() response: Response, @Body() form: Form) {
    return runAction(request, response, '/me/referrals', async () => {
      const campaignId = text(form.campaignId);
      if (!isId(campaignId)) throw new InvalidInputError([{ field: 'campaignId', message: 'INVALID_VALUE' }]);
      await this.desk.createLink(request.actor!, campaignId, text(form.boardSlug));
      return 'linkCreated';
    });
  }
}

/** POST /me/referrals/links: a link for a campaign on a board (the lib checks both). */
function isId(value: string): boolean {
  return /^[0-9a-f]{24}$/i.test(value);
}

function answerLink(ctx: WebContext, link: PostLink | undefined): SafeHtml | string {
  if (!link) return ctx.t('web.staff.referrals.notForAnswer');
  const kind = ctx.t(link.isAnswer ? 'web.post.answer' : 'web.post.question');
  return html`<a href="${link.href}">${link.title ? `${kind}: ${link.title}` : kind}</a>`;
}

function cellFor(rows: readonly StatusTotal[], status: CommissionStatus, money: (minor: number, c: string) => string) {
  const matching = rows.filter((row) => row.status === status);
  if (matching.length === 0) return '–';
  return matching.map((row) => `${money(row.amountMinor, row.currency)} (${row.count})`).join(', ');
}
