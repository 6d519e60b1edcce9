// The signed-in reader's part of the header: the notification bell with the unread count (the
// script keeps it live), settings, profile and log-out; and the "confirm your address" notice.
import { html, type SafeHtml } from '../render/html.js';
import { notice } from '../render/forms.js';
import type { WebContext } from '../http/web-context.js';

export function bell(ctx: WebContext): SafeHtml | null {
  if (!ctx.viewer) return null;
  const count = ctx.viewer.unreadNotifications;
  const label = count ? ctx.t('web.bell.some', { count }) : ctx.t('web.bell.none');
  // The script rewrites the label from these two when a notification arrives.
  return html`<li><a class="bell" href="/inbox" aria-label="${label}" title="${label}" data-bell data-none="${ctx.t('web.bell.none')}" data-some="${ctx.t('web.bell.some')}"><span aria-hidden="true">🔔</span><span class="count" data-unread${count ? null : html` hidden`}>${count}</span></a></li>`;
}

export function accountLinks(ctx: WebContext): SafeHtml | null {
  if (!ctx.viewer) return null;
  return html`<li><a href="/settings">${ctx.t('web.nav.settings')}</a></li>`;
}

/** Shown until the address is confirmed, with a button to send the link again. */
export function unverifiedNotice(ctx: WebContext, csrf: SafeHtml): SafeHtml | null {
  if (!ctx.viewer || ctx.viewer.isEmailVerified) return null;
  return notice(
    'info',
    html`${ctx.t(ctx.path.includes('resent=1') ? 'web.unverified.resent' : 'web.unverified.notice')} <form class="inline" method="post" action="/verify-email/resend">${csrf}<input type="hidden" name="next" value="${ctx.path}"><button type="submit" class="linkish">${ctx.t('web.unverified.resend')}</button></form>`,
  );
}
