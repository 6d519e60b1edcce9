// Log-in and sign-up forms.
import { html, type SafeHtml } from '../render/html.js';
import { field, notice } from '../render/forms.js';
import { csrfField, layout } from '../layout/layout.js';
import type { WebContext } from '../http/web-context.js';

export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** A problem with the form as a whole (wrong password, throttled). */
  message?: string;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

function summary(ctx: WebContext, state: FormState): SafeHtml | null {
  if (state.message) return notice('error', state.message);
  if (Object.keys(state.errors).length > 0) return notice('error', ctx.t('web.form.problems'));
  return null;
}

export function loginPage(ctx: WebContext, state: FormState): SafeHtml {
  const { t } = ctx;
  const next = state.values.next ?? '/';
  return layout(ctx, {
    title: t('web.login.title'),
    robots: 'noindex',
    body: html`<div class="card">
      <h1>${t('web.login.title')}</h1>
      ${summary(ctx, state)}
      <form method="post" action="/login" novalidate>
        ${csrfField(ctx)}
        <input type="hidden" name="next" value="${next}" />
        ${field({ name: 'identifier', label: t('web.login.identifier'), value: state.values.identifier, autocomplete: 'username', isRequired: true, error: state.errors.identifier })}
        ${field({ name: 'password', label: t('web.login.password'), type: 'password', autocomplete: 'current-password', isRequired: true, error: state.errors.password })}
        <p><button type="submit">${t('web.login.submit')}</button></p>
      </form>
      <p><a href="/forgot-password">${t('web.login.forgot')}</a></p>
      <p>${t('web.login.noAccount')} <a href="/signup?next=${encodeURIComponent(next)}">${t('web.nav.signup')}</a></p>
    </div>`,
  });
}

export function signupPage(ctx: WebContext, state: FormState): SafeHtml {
  const { t } = ctx;
  const next = state.values.next ?? '/';
  return layout(ctx, {
    title: t('web.signup.title'),
    robots: 'noindex',
    body: html`<div class="card">
      <h1>${t('web.signup.title')}</h1>
      ${summary(ctx, state)}
      <form method="post" action="/signup" novalidate>
        ${csrfField(ctx)}
        <input type="hidden" name="next" value="${next}" />
        ${field({ name: 'email', label: t('web.signup.email'), type: 'email', value: state.values.email, autocomplete: 'email', isRequired: true, error: state.errors.email })}
        ${field({ name: 'handle', label: t('web.signup.handle'), value: state.values.handle, autocomplete: 'username', isRequired: true, hint: t('web.signup.handleHint'), error: state.errors.handle })}
        ${field({ name: 'displayName', label: t('web.signup.displayName'), value: state.values.displayName, autocomplete: 'name', error: state.errors.displayName })}
        ${field({ name: 'password', label: t('web.signup.password'), type: 'password', autocomplete: 'new-password', isRequired: true, hint: t('web.signup.passwordHint'), error: state.errors.password })}
        <p><button type="submit">${t('web.signup.submit')}</button></p>
      </form>
      <p>${t('web.signup.haveAccount')} <a href="/login?next=${encodeURIComponent(next)}">${t('web.nav.login')}</a></p>
    </div>`,
  });
}
