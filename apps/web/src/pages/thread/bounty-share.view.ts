// Two thread-page controls: "share" under each question and answer (its permanent link to copy;
// for the board's staff also a counted short link for a customer, through shareAnswer), and the
// bounty box in the sidebar (the open bounty, or the form to start one: the domain's amounts).
import type { PostRecord } from '@helpboard/threads';
import { BOUNTY_DAYS } from '@helpboard/reputation';
import { html, type SafeHtml } from '../../render/html.js';
import { threadPath } from '../../render/urls.js';
import { csrfField } from '../../layout/layout.js';
import type { WebContext } from '../../http/web-context.js';
import { formatDate, ruleAt, type RuleNotice } from './post.view.js';
import type { ThreadPageData } from './thread-page.data.js';

/** What the thread page shows of an open bounty. */
export interface OpenBountyView {
  amount: number;
  endsAt: Date;
}

/** The amounts offered: SE's steps of 50 within the domain's bounds (BOUNTY_AMOUNT). */
export function bountyAmounts(bounds: { min: number; max: number }): number[] {
  const amounts: number[] = [];
  for (let amount = bounds.min; amount <= bounds.max; amount += 50) amounts.push(amount);
  return amounts;
}

/** Share links are for answers customers are sent to (shareAnswer), and the question's own link. */
export function shareControl(ctx: WebContext, data: ThreadPageData, post: PostRecord): SafeHtml {
  const { t } = ctx;
  const id = post._id.toHexString();
  const isAnswer = post.kind === 'ANSWER';
  const link = `${ctx.baseUrl}${threadPath({ id: data.thread._id.toHexString(), title: data.thread.title })}${isAnswer ? `#a-${id}` : ''}`;
  const isStaff = data.viewerRole === 'STAFF' || data.viewerRole === 'MODERATOR' || data.viewerRole === 'OWNER';
  const channels = ['SMS', 'CHAT', 'EMAIL', 'PHONE', 'APP_PUSH', 'OTHER'];
  return html`<details class="share"><summary>${t('web.share.share')}</summary>
<label for="share-${id}">${t(isAnswer ? 'web.share.answerLink' : 'web.share.questionLink')}</label>
<div class="row"><input id="share-${id}" readonly value="${link}"> <button type="button" class="secondary" data-copy="share-${id}" data-done="${t('web.share.copied')}" data-needs-script hidden>${t('web.share.copy')}</button></div>
<p class="small"><a href="${link}">${link}</a></p>${
    isAnswer && isStaff
      ? html`<form method="post" action="/p/${id}/share">${csrfField(ctx)}<label for="channel-${id}">${t('web.share.shortFor')}</label><select id="channel-${id}" name="channel">${channels.map(
          (c) => html`<option value="${c}">${t(`web.share.channel.${c}`)}</option>`,
        )}</select> <button type="submit" class="secondary">${t('web.share.makeShort')}</button></form>`
      : null
  }</details>`;
}

export function bountyBox(
  ctx: WebContext,
  data: ThreadPageData,
  bounty: OpenBountyView | null,
  amounts: number[],
  notice: RuleNotice | null,
): SafeHtml | null {
  const { t } = ctx;
  if (bounty) {
    return html`<section class="card bounty" aria-labelledby="bounty-h"><h2 id="bounty-h">${t('web.bounty.open', { amount: bounty.amount })}</h2>
<p class="small">${t('web.bounty.ends')} <time datetime="${bounty.endsAt.toISOString()}">${formatDate(ctx, bounty.endsAt)}</time></p></section>`;
  }
  const isOpen = data.thread.status === 'OPEN' && !data.thread.isLocked;
  if (!ctx.viewer || !isOpen) return null;
  const id = data.thread._id.toHexString();
  return html`<section class="card bounty" aria-labelledby="bounty-h"><h2 id="bounty-h">${t('web.bounty.title')}</h2>
<details${notice?.at === 'bounty' ? html` open` : null}><summary>${t('web.bounty.start')}</summary>
<form method="post" action="/t/${id}/bounty">${csrfField(ctx)}
<fieldset><legend>${t('web.bounty.amount')}</legend><div class="amounts">${amounts.map(
    (amount, i) =>
      html`<label><input type="radio" name="amount" value="${amount}"${i === 0 ? html` checked` : null}> ${amount}</label>`,
  )}</div></fieldset>
<p class="hint">${t('web.bounty.rules', { days: BOUNTY_DAYS })}</p>
${ruleAt(ctx, notice, 'bounty')}<button type="submit">${t('web.bounty.offer')}</button></form></details></section>`;
}
