// Highlights with <mark> on HTML-escaped text: stored content never reaches a page unescaped.
import { isCjk, tokenize } from './tokenize.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A term as a pattern: words of spaced scripts match from the start of a word (a prefix match
 * marks "roam" in "roaming", never the "a" inside "data"); CJK words match where they stand.
 */
const termPattern = (term: string) => (isCjk(term) ? escapeRegExp(term) : `(?<![\\p{L}\\p{N}])${escapeRegExp(term)}`);

export function highlight(text: string, terms: string[]): string {
  // A single Latin letter or digit says nothing a reader needs marked.
  const wanted = [...new Set(terms.filter((term) => term && (term.length > 1 || isCjk(term))))].sort(
    (a, b) => b.length - a.length,
  );
  if (wanted.length === 0) return escapeHtml(text);
  const pattern = new RegExp(wanted.map(termPattern).join('|'), 'giu');
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
