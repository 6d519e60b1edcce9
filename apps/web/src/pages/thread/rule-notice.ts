// A refused action's message travels back to the thread page in the query string (plain form
// posts redirect), so it can be shown next to the control that was used. Only catalogue keys
// are accepted: nobody can make the page show text of their choosing.
import { type DomainError, type Locale, translate } from '@helpboard/core';
import type { RuleNotice } from './post.view.js';

export function encodeRule(at: string, error: DomainError): string {
  const params = { ...error.params, ...(error.details ?? {}) };
  return Buffer.from(JSON.stringify({ at, k: error.messageKey, p: params })).toString('base64url');
}

export function decodeRule(value: unknown, locale: Locale): RuleNotice | null {
  if (typeof value !== 'string' || value.length > 600) return null;
  try {
    const { at, k, p } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as {
      at?: unknown;
      k?: unknown;
      p?: Record<string, string | number>;
    };
    if (typeof at !== 'string' || !/^[a-z]+(-[0-9a-f]{24})?$/.test(at) || typeof k !== 'string') return null;
    const message = translate(k, locale, p && typeof p === 'object' ? p : {});
    return message === k ? null : { at, message };
  } catch {
    return null;
  }
}
