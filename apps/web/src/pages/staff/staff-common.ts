// What the staff pages (reps, moderators, operators) share: reading form fields, running an
// action and coming back to the page with its outcome, the reason field every moderation form
// carries, and locale-aware dates and money.
import type { Response } from 'express';
import { DomainError, ErrorCode, type Locale, translate } from '@helpboard/core';
import { html, type SafeHtml } from '../../render/html.js';
import { notice } from '../../render/forms.js';
import type { WebContext } from '../../http/web-context.js';
import { safeReturnPath, type WebRequest } from '../../http/web-request.js';

export type Form = Record<string, unknown>;
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');
export const isObjectIdText = (value: string): boolean => /^[0-9a-f]{24}$/i.test(value);

/** `path` with one query parameter set (keeps the others). */
export function withParam(path: string, name: string, value: string): string {
  const url = new URL(path, 'http://site.invalid');
  url.searchParams.set(name, value);
  return url.pathname + url.search + url.hash;
}

/** A refusal's message key and parameters (a field problem's own message for invalid input). */
function encodeProblem(error: DomainError): string {
  const field = error.fields[0];
  const payload = field
    ? { k: field.message, p: field.params ?? {}, f: field.field.split('.').at(-1) }
    : { k: error.messageKey, p: { ...error.params, ...(error.details ?? {}) } };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** Only catalogue keys come back from the query string: no one can make a page say their words. */
function decodeProblem(value: unknown, locale: Locale): string | null {
  if (typeof value !== 'string' || value.length > 600) return null;
  try {
    const { k, p, f } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as {
      k?: unknown;
      p?: unknown;
      f?: unknown;
    };
    if (typeof k !== 'string') return null;
    const params = p && typeof p === 'object' ? (p as Record<string, string | number>) : {};
    const message = translate(k, locale, params);
    if (message === k) return null;
    // A field's problem names its field ("Reason: is required"), as the form shows it.
    const labelKey = `web.field.${typeof f === 'string' ? f : ''}`;
    const label = translate(labelKey, locale);
    return label === labelKey ? message : translate('web.field.problem', locale, { field: label, problem: message });
  } catch {
    return null;
  }
}

/** The outcome of the last action, from `?done=` (a `web.staff.done.*` key) or `?problem=`. */
export function outcomeNotice(ctx: WebContext, query: Record<string, unknown>): SafeHtml | null {
  const done = text(query.done);
  if (/^[a-zA-Z]+$/.test(done) && ctx.t(`web.staff.done.${done}`) !== `web.staff.done.${done}`) {
    return notice('info', ctx.t(`web.staff.done.${done}`));
  }
  const problem = decodeProblem(query.problem, ctx.locale);
  return problem ? notice('error', problem) : null;
}

/**
 * Runs a staff action and answers 303 back to the page it came from, with its outcome. Rules
 * and invalid input come back as a notice on that page; being signed out, forbidden or pointing at
 * nothing stay errors (the login redirect, the forbidden page, the 404 page), never a page of data.
 */
export async function runAction(
  request: WebRequest,
  response: Response,
  back: string,
  action: () => Promise<string>,
): Promise<void> {
  const target = safeReturnPath(back);
  try {
    const done = await action();
    response.redirect(303, withParam(target, 'done', done));
  } catch (error) {
    const isShownOnPage =
      error instanceof DomainError &&
      ![ErrorCode.Unauthenticated, ErrorCode.Forbidden, ErrorCode.NotFound].includes(error.code);
    if (!isShownOnPage) throw error;
    response.redirect(303, withParam(target, 'problem', encodeProblem(error)));
  }
}

/** The reason moderators must give (kept in the audit log, shown to the person affected). */
export function reasonField(ctx: WebContext, id: string, label = ctx.t('web.staff.reason')): SafeHtml {
  return html`<label for="${id}">${label}</label>
    <input id="${id}" name="reason" type="text" required minlength="3" maxlength="500" />`;
}

export function formatDate(value: Date | null | undefined, locale: Locale): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(value);
}

/** Integer minor units in the currency's own decimals (USD 500 → $5.00, JPY 500 → ¥500). */
export function formatMoney(amountMinor: number, currency: string, locale: Locale): string {
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amountMinor / 10 ** digits);
  } catch {
    return `${amountMinor} ${currency}`;
  }
}
