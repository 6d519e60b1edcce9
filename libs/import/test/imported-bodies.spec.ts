// Every body of the Stack Exchange sample, converted to Markdown and rendered as posts are, reads
// the same as on the source site: the same text, links, code blocks, lists, quotes, headings,
// rules and images. (Markdown cannot say everything HTML can, e.g. a list with paragraphs in only
// some items: those come out as a list with paragraphs in all of them.)
import { describe, expect, it } from '@jest/globals';
import { htmlToMarkdown, renderMarkdown } from '@helpboard/threads';
import { locateTable, readRows } from '../src/stackexchange/dump-file.js';
import { hasSample, SE_SAMPLE_DIR } from './import-context.js';

const describeWithSample = hasSample ? describe : describe.skip;

const NAMED: Record<string, string> = {
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  amp: '&',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  laquo: '«',
  raquo: '»',
};
const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&([a-z]+);/g, (whole, name: string) => NAMED[name] ?? whole);
/** Text without any whitespace: Markdown re-flows it (bare domains may become links: no space added). */
const textOf = (html: string) => decode(html).replace(/\s+/g, '');
const STRUCTURE = ['blockquote', 'pre', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'table'];
const structureOf = (html: string) =>
  STRUCTURE.map((tag) => `${tag}:${html.match(new RegExp(`<${tag}[\\s>/]`, 'gi'))?.length ?? 0}`).join(' ');
const hrefsOf = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => decode(m[1]));

describeWithSample('bodies of the Stack Exchange sample as Markdown', () => {
  it('render to the same text, structure and links as the original HTML', async () => {
    const file = locateTable(SE_SAMPLE_DIR, 'Posts')!;
    let checked = 0;
    for await (const { attributes } of readRows(file, { onProblem: () => undefined })) {
      const original = attributes.Body ?? '';
      const rendered = renderMarkdown(htmlToMarkdown(original)).html;
      expect({ text: textOf(rendered), structure: structureOf(rendered) }).toEqual({
        text: textOf(original),
        structure: structureOf(original),
      });
      expect(hrefsOf(rendered)).toEqual(expect.arrayContaining(hrefsOf(original)));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(500);
  });
});
