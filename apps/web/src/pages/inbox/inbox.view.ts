// The inbox: unread notifications first, then earlier (read) ones, each list with its own "more".
import { encodeCursor } from '@helpboard/core';
import { type NotificationRecord, notificationText } from '@helpboard/notifications';
import { html, type SafeHtml } from '../../render/html.js';
import { csrfField, layout } from '../../layout/layout.js';
import type { WebContext } from '../../http/web-context.js';
import { formatDate } from '../thread/post.view.js';

export const INBOX_PAGE = 20;

interface Listed {
  rows: NotificationRecord[];
  cursorOf: (row: NotificationRecord) => unknown[];
}

function item(ctx: WebContext, record: NotificationRecord): SafeHtml {
  const id = record._id.toHexString();
  const isUnread = !record.readAt;
  return html`<li class="${isUnread ? 'unread' : ''}">
<a href="/inbox/open/${id}">${notificationText(record, ctx.locale)}</a>
<div class="row small muted"><time datetime="${record.createdAt.toISOString()}">${formatDate(ctx, record.createdAt)}</time>${
    isUnread
      ? html`<form method="post" action="/inbox/read">${csrfField(ctx)}<input type="hidden" name="id" value="${id}"><button type="submit" class="linkish">${ctx.t('web.inbox.markRead')}</button></form>`
      : null
  }</div></li>`;
}

function section(ctx: WebContext, key: 'unread' | 'earlier', listed: Listed | null): SafeHtml | null {
  if (!listed) return null;
  const { t } = ctx;
  const rows = listed.rows.slice(0, INBOX_PAGE);
  const more =
    listed.rows.length > INBOX_PAGE
      ? html`<p><a class="button secondary" href="/inbox?${key}=${encodeURIComponent(encodeCursor(listed.cursorOf(rows.at(-1)!) as never))}">${t('web.inbox.more')}</a></p>`
      : null;
  return html`<section class="card" aria-labelledby="inbox-${key}"><h2 id="inbox-${key}">${t(`web.inbox.${key}`)}</h2>${
    rows.length
      ? html`<ul class="plain inbox">${rows.map((r) => item(ctx, r))}</ul>`
      : html`<p class="muted">${t(`web.inbox.none.${key}`)}</p>`
  }${more}</section>`;
}

export function inboxView(ctx: WebContext, lists: { unread: Listed | null; earlier: Listed | null }): SafeHtml {
  const { t } = ctx;
  const markAll = lists.unread?.rows.length
    ? html`<form method="post" action="/inbox/read-all">${csrfField(ctx)}<button type="submit" class="secondary">${t('web.inbox.markAllRead')}</button></form>`
    : null;
  return layout(ctx, {
    title: t('web.inbox.title'),
    robots: 'noindex',
    body: html`<div class="row spread"><h1>${t('web.inbox.title')}</h1>${markAll}</div>
${section(ctx, 'unread', lists.unread)}
${section(ctx, 'earlier', lists.earlier)}`,
  });
}
