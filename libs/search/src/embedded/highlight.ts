// Highlights with <mark> on HTML-escaped text: stored content never reaches a page unescaped.
import { tokenize } from './tokenize.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function highlight(text: string, terms: string[]): string {
  const wanted = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return escapeHtml(text);
  const pattern = new RegExp(wanted.map(escapeRegExp).join('|'), 'giu');
  let result = '';
  let last = 0;
  for (const match of text.normalize('NFKC').matchAll(pattern)) {
    result += escapeHtml(text.slice(last, match.index)) + `<mark>${escapeHtml(match[0])}</mark>`;
    last = match.index + match[0].length;
  }
  return result + escapeHtml(text.slice(last));
}

/** About `length` characters around the first matched term, highlighted. */
export function snippet(text: string, terms: string[], length = 160): string {
  const normalised = text.normalize('NFKC');
  const lower = normalised.toLowerCase();
  const positions = terms.map((term) => lower.indexOf(term)).filter((i) => i >= 0);
  const first = positions.length ? Math.min(...positions) : 0;
  const start = Math.max(0, first - Math.floor(length / 3));
  const part = normalised.slice(start, start + length);
  return `${start > 0 ? '…' : ''}${highlight(part, terms)}${start + length < normalised.length ? '…' : ''}`;
}

export function queryTerms(text: string): string[] {
  return tokenize(text);
}
