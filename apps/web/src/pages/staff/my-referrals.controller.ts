// GET /me/referrals: a rep's referral links (clicks, conversions, earnings) and commissions per
// answer, with their status. Money is shown in the currency's own minor units.
import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { SignedIn } from '@helpboard/core';
import { CommissionService, MyLinksService } from '@helpboard/referrals';
import { ThreadPageReader, ThreadQueryService } from '@helpboard/threads';
import { html } from '../../render/html.js';
import { threadPath } from '../../render/urls.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';

const ROWS = 50;

export function formatMoney(ctx: WebContext, amountMinor: number, currency: string): string {
  const format = new Intl.NumberFormat(ctx.locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

@Controller('me')
@UseFilters(WebExceptionFilter)
export class MyReferralsController {
  constructor(
    private readonly links: MyLinksService,
    private readonly commissions: CommissionService,
    private readonly pages: ThreadPageReader,
    private readonly queries: ThreadQueryService,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get('referrals')
  async referrals(@Req() request: WebRequest, @Res() response: Response) {
    const actor = request.actor!;
    const [ctx, links, commissions] = await Promise.all([
      this.contexts.create(request),
      this.links.linksOf(actor, ROWS),
      this.commissions.ofOwner(actor.userId, ROWS),
    ]);
    const postIds = [
      ...new Set(
        [...links, ...commissions].flatMap((row) => {
          const postId = 'link' in row ? row.link.postId : row.postId;
          return postId ? [postId.toHexString()] : [];
        }),
      ),
    ];
    const posts = await this.pages.postsByIds(postIds);
    const threads = new Map(
      (await this.queries.visibleThreads(actor, [...new Set(posts.map((p) => p.threadId.toHexString()))])).map((th) => [
        th._id.toHexString(),
        th,
      ]),
    );
    const postLink = (postId: string | undefined) => {
      const post = posts.find((p) => p._id.toHexString() === postId);
      const thread = post && threads.get(post.threadId.toHexString());
      return thread
        ? html`<a href="${threadPath({ id: thread._id.toHexString(), title: thread.title })}#a-${postId}">${thread.title}</a>`
        : html`–`;
    };
    const { t } = ctx;
    const th = (key: string) => html`<th scope="col">${t(key)}</th>`;
    const linkRows = links.map(
      (row) =>
        html`<tr><td><code>/r/${row.link.code}</code></td><td>${postLink(row.link.postId?.toHexString())}</td><td>${row.clicks}</td><td>${row.conversions}</td><td>${formatMoney(ctx, row.earningsMinor, row.currency)}</td></tr>`,
    );
    const commissionRows = commissions.map(
      (row) =>
        html`<tr><td><time datetime="${row.createdAt.toISOString()}">${row.createdAt.toISOString().slice(0, 10)}</time></td><td>${postLink(row.postId?.toHexString())}</td><td>${formatMoney(ctx, row.amountMinor, row.currency)}</td><td>${t(`web.commission.${row.status}`)}</td></tr>`,
    );
    const table = (id: string, heading: string, head: ReturnType<typeof html>, rows: ReturnType<typeof html>[]) =>
      html`<section class="card" aria-labelledby="${id}"><h2 id="${id}">${heading}</h2>${
        rows.length
          ? html`<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
          : html`<p class="muted">${t('web.referrals.none')}</p>`
      }</section>`;
    const title = t('web.referrals.title');
    const body = html`<h1>${title}</h1><p class="small muted">${t('web.referrals.note')}</p>
${table('links', t('web.referrals.links'), html`${th('web.referrals.link')}${th('web.referrals.answer')}${th('web.referrals.clicks')}${th('web.referrals.conversions')}${th('web.referrals.earned')}`, linkRows)}
${table('commissions', t('web.referrals.commissions'), html`${th('web.referrals.date')}${th('web.referrals.answer')}${th('web.referrals.amount')}${th('web.referrals.status')}`, commissionRows)}`;
    sendPage(request, response, layout(ctx, { title, robots: 'noindex', body }));
  }
}
