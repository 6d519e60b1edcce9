// A refused action's message travels back to the thread page in the query string (plain form
// posts redirect), so it can be shown next to the control that was used. Only catalogue keys
// are accepted: nobody can make the page show text of their choosing. Invalid input shows its
// first field's problem with the field's label ("Title: must be at least 15 characters long."),
// not a bare "the input is not valid".
import { type DomainError, type Locale, translate } from '@helpboard/core';
import type { RuleNotice } from './post.view.js';

export function encodeRule(at: string, error: DomainError): string {
  const [field] = error.fields;
  const rule =
    error.messageKey === 'INVALID_INPUT' && field
      ? { at, k: field.message, p: field.params ?? {}, f: field.field.split('.').at(-1) }
      : { at, k: error.messageKey, p: { ...error.params, ...(error.details ?? {}) } };
  return Buffer.from(JSON.stringify(rule)).toString('base64url');
}

export function decodeRule(value: unknown, locale: Locale): RuleNotice | null {
  if (typeof value !== 'string' || value.length > 600) return null;
  try {
    const { at, k, p, f } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as {
      at?: unknown;
      k?: unknown;
      p?: Record<string, string | number>;
      f?: unknown;
    };
    if (typeof at !== 'string' || !/^[a-z]+(-[0-9a-f]{24})?$/.test(at) || typeof k !== 'string') return null;
    const message = translate(k, locale, p && typeof p === 'object' ? p : {});
    if (message === k) return null;
    const labelKey = typeof f === 'string' && /^[a-z]+$/.test(f) ? `web.field.${f}` : null;
    const label = labelKey ? translate(labelKey, locale) : null;
    const isLabelled = label !== null && label !== labelKey;
    return {
      at,
      message: isLabelled ? translate('web.field.problem', locale, { field: label, problem: message }) : message,
    };
  } catch {
    return null;
  }
}
