// Tagged-template HTML that escapes by default. Every interpolated value is escaped unless it is
// already `SafeHtml` (built by `html` itself, or by `trustedHtml` for the threads sanitiser's
// output), so a page can only contain user HTML that passed through that sanitiser.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NEEDS_ESCAPING = /[&<>"']/;

export function escapeHtml(value: string): string {
  // Most values (names, dates, counts, labels) have nothing to escape: a test is far cheaper than a replace.
  return NEEDS_ESCAPING.test(value) ? value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]) : value;
}

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What a template may interpolate: arrays are concatenated, null/undefined/false render nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/**
 * Marks a string as safe HTML without escaping. Only for HTML the threads lib's sanitiser
 * produced (`bodyHtml`) or markup built here from escaped parts (SVG charts).
 */
export function trustedHtml(value: string): SafeHtml {
  return new SafeHtml(value);
}

/** JSON for a `<script type="application/ld+json">` block: `<` escaped so no tag can close it. */
export function jsonForScript(value: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/\u2028|\u2029/g, ''),
  );
}

/** `checked`, `selected`… attributes from booleans. */
export function flag(name: string, isOn: boolean | undefined): SafeHtml {
  return new SafeHtml(isOn ? ` ${name}` : '');
}
