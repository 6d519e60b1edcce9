// The referral desk's own sections on /me/referrals: the campaigns a rep may promote on each board
// (with the commission they pay and the disclosure readers will see), a form to make a link, each
// link ready to copy, and the payouts the rep's commissions went into.
import type { PromotableCampaigns } from '@helpboard/referrals';
import { html, type SafeHtml } from '../../render/html.js';
import { csrfField } from '../../layout/layout.js';
import type { WebContext } from '../../http/web-context.js';
import { formatDate, formatMoney } from './staff-common.js';

type Campaign = PromotableCampaigns['campaigns'][number];

function commissionText(ctx: WebContext, campaign: Campaign): string {
  const rule = campaign.commission;
  return rule.amountMinor !== null
    ? ctx.t('web.staff.desk.fixed', { amount: formatMoney(rule.amountMinor, rule.currency, ctx.locale) })
    : ctx.t('web.staff.desk.percent', { percent: (rule.basisPoints ?? 0) / 100 });
}

export function campaignsSection(ctx: WebContext, promotable: PromotableCampaigns[]): SafeHtml {
  const { t } = ctx;
  const disclosure = html`<p class="small">${t('web.staff.desk.disclosure')} <span class="label disclosure">${t('REFERRAL_DISCLOSURE')}</span></p>`;
  const boards = promotable.map(
    ({ board, campaigns }) =>
      html`<h3>${board.title}</h3><ul class="plain">${campaigns.map(
        (
          campaign,
        ) => html`<li class="row" data-campaign="${campaign._id.toHexString()}"><strong>${campaign.name}</strong>
        <span class="muted small">${commissionText(ctx, campaign)} · ${t('web.staff.desk.hold', { days: campaign.holdDays })}</span>
        <form method="post" action="/me/referrals/links">${csrfField(ctx)}
          <input type="hidden" name="campaignId" value="${campaign._id.toHexString()}" /><input type="hidden" name="boardSlug" value="${board.slug}" />
          <button type="submit" class="secondary">${t('web.staff.desk.create')}</button></form></li>`,
      )}</ul>`,
  );
  return html`<section class="card" aria-labelledby="ref-campaigns"><h2 id="ref-campaigns">${t('web.staff.desk.campaigns')}</h2>
    ${promotable.length ? html`${disclosure}${boards}<p class="small muted">${t('web.staff.desk.howTo')}</p>` : html`<p class="muted">${t('web.staff.desk.none')}</p>`}</section>`;
}

/** A link as a read-only field with a copy button (the field itself is selectable without script). */
export function copyableLink(ctx: WebContext, url: string, id: string): SafeHtml {
  return html`<label class="vh" for="${id}">${ctx.t('web.staff.referrals.link')}</label><input id="${id}" class="mono" readonly value="${url}" />
    <button type="button" class="secondary" data-copy="${id}">${ctx.t('web.staff.desk.copy')}</button>`;
}

export function payoutsSection(
  ctx: WebContext,
  payouts: { createdAt: Date; totalMinor: number; currency: string; commissionIds: unknown[] }[],
): SafeHtml {
  const { t, locale } = ctx;
  return html`<section class="card" aria-labelledby="ref-payouts"><h2 id="ref-payouts">${t('web.staff.desk.payouts')}</h2>${
    payouts.length
      ? html`<ul class="plain">${payouts.map(
          (payout) =>
            html`<li>${formatDate(payout.createdAt, locale)} · ${formatMoney(payout.totalMinor, payout.currency, locale)} · ${t('web.staff.referrals.count', { count: payout.commissionIds.length })}</li>`,
        )}</ul>`
      : html`<p class="muted">${t('web.staff.desk.noPayouts')}</p>`
  }</section>`;
}
