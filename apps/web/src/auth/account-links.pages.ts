// Pages of the e-mailed account links: ask for a reset, choose a new password, confirm an
// address, finish a sign-up. Each link's page is a form: only its POST spends the token, so a mail scanner that
// fetches links spends nothing.
import { html, type SafeHtml } from '../render/html.js';
import { field, notice } from '../render/forms.js';
import { csrfField, layout } from '../layout/layout.js';
import type { WebContext } from '../http/web-context.js';
import type { FormState } from './auth.pages.js';

const card = (ctx: WebContext, title: string, body: SafeHtml | null) =>
  layout(ctx, { title, robots: 'noindex', body: html`<div class="card"><h1>${title}</h1>${body}</div>` });

export function forgotPasswordPage(ctx: WebContext, state: FormState): SafeHtml {
  const { t } = ctx;
  return card(
    ctx,
    t('web.forgot.title'),
    html`${state.message ? notice('error', state.message) : null}<p>${t('web.forgot.intro')}</p>
      <form method="post" action="/forgot-password" novalidate>
        ${csrfField(ctx)}
        ${field({ name: 'email', label: t('web.forgot.email'), type: 'email', value: state.values.email, autocomplete: 'email', isRequired: true, error: state.errors.email })}
        <p><button type="submit">${t('web.forgot.submit')}</button></p>
      </form>`,
  );
}

export const resetLinkSentPage = (ctx: WebContext, email: string) =>
  card(ctx, ctx.t('web.forgot.title'), notice('info', ctx.t('web.forgot.sent', { email })));

/** After a sign-up, whether or not the address had an account: the same words either way. */
export const signupLinkSentPage = (ctx: WebContext, email: string) =>
  card(ctx, ctx.t('web.signup.title'), notice('info', ctx.t('web.signup.sent', { email })));

export function resetPasswordPage(ctx: WebContext, token: string, state: FormState): SafeHtml {
  const { t } = ctx;
  return card(
    ctx,
    t('web.reset.title'),
    html`<form method="post" action="/reset-password" novalidate>
      ${csrfField(ctx)}
      <input type="hidden" name="token" value="${token}" />
      ${field({ name: 'password', label: t('web.reset.password'), type: 'password', autocomplete: 'new-password', isRequired: true, hint: t('web.signup.passwordHint'), error: state.errors.password })}
      <p><button type="submit">${t('web.reset.submit')}</button></p>
    </form>`,
  );
}

/** A link's confirmation form: one button that spends it. */
export function confirmLinkPage(
  ctx: WebContext,
  action: '/verify-email' | '/confirm-email' | '/complete-signup',
  keys: { title: string; intro: string; submit: string },
  token: string,
): SafeHtml {
  const { t } = ctx;
  return card(
    ctx,
    t(keys.title),
    html`<p>${t(keys.intro)}</p><form method="post" action="${action}">${csrfField(ctx)}<input type="hidden" name="token" value="${token}" /><button type="submit">${t(keys.submit)}</button></form>`,
  );
}

export const linkDonePage = (ctx: WebContext, title: string, message: string, next: { href: string; label: string }) =>
  card(ctx, title, html`${notice('info', message)}<p><a class="button" href="${next.href}">${next.label}</a></p>`);

/** Expired, used or forged: one answer, with the way to a fresh link. */
export const invalidLinkPage = (ctx: WebContext, again: { href: string; label: string }) =>
  card(
    ctx,
    ctx.t('web.link.invalidTitle'),
    html`${notice('error', ctx.t('ACCOUNT_LINK_INVALID'))}<p><a href="${again.href}">${again.label}</a></p>`,
  );
