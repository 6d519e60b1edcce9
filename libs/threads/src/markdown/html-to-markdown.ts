// HTML of imported posts back to the Markdown our posts are written in, so that editing an
// imported post shows Markdown and its page is rendered (and sanitised) like any other. Covers
// what Stack Exchange's renderer produces: paragraphs, links, inline and block code (with the
// `lang-…` class or `<!-- language: … -->` hint as the fence's language), emphasis, lists,
// quotes, headings, images, line breaks, rules, tables and <kbd> (as inline code: Markdown has
// no keys). Anything else keeps its text. Text is escaped so it reads back exactly as it was.
import { type HtmlElement, type HtmlNode, parseHtmlFragment, textOf } from './html-fragment.js';
import { withScheme } from './render-markdown.js';

const BLOCK = new Set(
  'p div ul ol li pre blockquote table hr h1 h2 h3 h4 h5 h6 dl dt dd section article details summary'.split(' '),
);
const SAFE_LINK = /^(https?:|mailto:|\/|#|\.{0,2}\/|[^:]*$)/i;

const isElement = (node: HtmlNode): node is HtmlElement => 'tag' in node;
const isBlock = (node: HtmlNode) => isElement(node) && BLOCK.has(node.tag);

/**
 * Backslash-escapes what Markdown would read as syntax inside a run of text (an underscore
 * inside a word cannot emphasise, so `snake_case` stays as it is; `|` matters in tables only).
 */
function escapeText(text: string, inTable = false): string {
  return text
    .replace(inTable ? /[\\`*[\]<>~|]/g : /[\\`*[\]<>~]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

/** What would start a block at the beginning of a line (heading, list, rule, setext underline). */
function escapeLineStarts(text: string): string {
  return text.replace(/^([ \t]*)([#+=-]|\d+(?=[.)](\s|$)))/gm, (_, indent: string, mark: string) =>
    /\d/.test(mark) ? `${indent}${mark}\\` : `${indent}\\${mark}`,
  );
}

function fenceFor(code: string, min: number): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(min, longest + 1));
}

function inlineCode(code: string): string {
  const text = code.replace(/[\r\n]+/g, ' ');
  const fence = fenceFor(text, 1);
  const pad = /^`|`$|^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function destination(url: string, title: string | undefined): string {
  const dest = /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
  return title ? `${dest} "${title.replace(/["\\]/g, '\\$&')}"` : dest;
}

/** Markers hug their text: surrounding spaces move outside them, as emphasis requires. */
function wrap(marker: string, inner: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
  return m[2] ? `${m[1]}${marker}${m[2]}${marker}${m[3]}` : inner;
}

interface Context {
  /** A `<!-- language: … -->` hint for the next code block, or `-all` for every one after it. */
  language: { next?: string; all?: string };
  inTable?: boolean;
}

function renderInline(nodes: HtmlNode[], context: Context): string {
  return nodes.map((node) => inline(node, context)).join('');
}

function inline(node: HtmlNode, context: Context): string {
  if ('text' in node) return escapeText(node.text.replace(/[ \t\r\n\f]+/g, ' '), context.inTable);
  if ('comment' in node) return '';
  const children = () => renderInline(node.children, context);
  switch (node.tag) {
    case 'br':
      return '\\\n';
    case 'em':
    case 'i':
      return wrap('*', children());
    case 'strong':
    case 'b':
      return wrap('**', children());
    case 'del':
    case 's':
    case 'strike':
      return wrap('~~', children());
    case 'code':
    case 'kbd':
    case 'tt':
      return inlineCode(textOf(node));
    case 'img': {
      const src = withScheme(node.attributes.src ?? '');
      if (!src || !SAFE_LINK.test(src)) return escapeText(node.attributes.alt ?? '');
      return `![${escapeText(node.attributes.alt ?? '')}](${destination(src, node.attributes.title)})`;
    }
    case 'a': {
      const href = withScheme(node.attributes.href ?? '');
      const text = children();
      if (!href || !SAFE_LINK.test(href)) return text;
      return `[${text.trim() ? text : escapeText(href)}](${destination(href, node.attributes.title)})`;
    }
    default:
      // A block inside inline content (malformed HTML) keeps its words apart.
      return isBlock(node) ? ` ${children()} ` : children();
  }
}

/** A paragraph of inline nodes: trimmed lines, no trailing break, nothing read as a block marker. */
function paragraph(nodes: HtmlNode[], context: Context): string {
  const text = renderInline(nodes, context)
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/(\\\n)+$/, '')
    .replace(/^(\\\n)+/, '')
    .trim();
  return escapeLineStarts(text);
}

function indent(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (line ? (i === 0 ? first : rest) + line : i === 0 ? first.trimEnd() : ''))
    .join('\n');
}

function codeBlock(element: HtmlElement, context: Context): string {
  const code = element.children.find((c): c is HtmlElement => isElement(c) && c.tag === 'code');
  const classes = `${element.attributes.class ?? ''} ${code?.attributes.class ?? ''}`;
  const hinted = context.language.next ?? context.language.all;
  context.language.next = undefined;
  const language = /(?:^|\s)lang(?:uage)?-([\w+#.-]+)/.exec(classes)?.[1] ?? hinted;
  const text = textOf(element).replace(/\r\n?/g, '\n').replace(/^\n/, '').replace(/\n+$/, '');
  const fence = fenceFor(text, 3);
  return `${fence}${language && language !== 'none' ? language : ''}\n${text}\n${fence}`;
}

function list(element: HtmlElement, context: Context): string {
  const items: HtmlNode[][] = [];
  for (const child of element.children) {
    if (isElement(child) && child.tag === 'li') items.push(child.children);
    else if (!('text' in child && !child.text.trim()) && !('comment' in child)) {
      if (items.length === 0) items.push([]);
      items.at(-1)!.push(child);
    }
  }
  const start = Number.parseInt(element.attributes.start ?? '1', 10) || 1;
  const rendered = items.map((nodes, i) => {
    const marker = element.tag === 'ol' ? `${start + i}. ` : '- ';
    return indent(blocks(nodes, context, true), marker, ' '.repeat(marker.length));
  });
  // Loose (blank lines between items) when an item holds paragraphs, as the HTML said.
  const isLoose =
    items.some((nodes) => nodes.some((node) => isElement(node) && node.tag === 'p')) ||
    rendered.some((item) => item.includes('\n\n'));
  return rendered.join(isLoose ? '\n\n' : '\n');
}

function table(element: HtmlElement, context: Context): string {
  const rows: HtmlElement[] = [];
  const collect = (node: HtmlElement): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.tag === 'tr') rows.push(child);
      else collect(child);
    }
  };
  collect(element);
  const cells = rows.map((row) =>
    row.children
      .filter((c): c is HtmlElement => isElement(c) && (c.tag === 'td' || c.tag === 'th'))
      .map((cell) => paragraph(cell.children, { ...context, inTable: true }).replace(/\\\n|\n/g, ' ') || ' '),
  );
  const width = Math.max(0, ...cells.map((row) => row.length));
  if (width === 0) return '';
  const line = (row: string[]) => `| ${[...row, ...Array(width - row.length).fill(' ')].join(' | ')} |`;
  return [line(cells[0]), line(Array(width).fill('---')), ...cells.slice(1).map(line)].join('\n');
}

function block(element: HtmlElement, context: Context): string {
  switch (element.tag) {
    case 'pre':
      return codeBlock(element, context);
    case 'ul':
    case 'ol':
      return list(element, context);
    case 'blockquote':
      return indent(blocks(element.children, context), '> ', '> ').replace(/^$/gm, '>');
    case 'hr':
      // Not `---`: right under a line of text that would make it a heading.
      return '***';
    case 'table':
      return table(element, context);
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6': {
      const text = paragraph(element.children, context).replace(/\\\n|\n/g, ' ');
      return text ? `${'#'.repeat(Number(element.tag[1]))} ${text}` : '';
    }
    default:
      return blocks(element.children, context);
  }
}

/** A list that may start right under a line of text (CommonMark: not an ordered one from 2). */
const canInterrupt = (node: HtmlElement) =>
  node.tag === 'ul' || (node.tag === 'ol' && (Number.parseInt(node.attributes.start ?? '1', 10) || 1) === 1);

/** Blocks separated by blank lines; in a tight list item, a nested list by a single line break. */
function blocks(nodes: HtmlNode[], context: Context, isTightItem = false): string {
  const parts: { text: string; element?: HtmlElement }[] = [];
  let run: HtmlNode[] = [];
  const flush = () => {
    const text = paragraph(run, context);
    if (text) parts.push({ text });
    run = [];
  };
  for (const node of nodes) {
    if ('comment' in node) {
      const hint = /^language(-all)?:\s*(?:lang-)?([\w+#.-]+)/.exec(node.comment);
      if (hint) context.language[hint[1] ? 'all' : 'next'] = hint[2];
      continue;
    }
    if (!isBlock(node)) {
      run.push(node);
      continue;
    }
    flush();
    const text = block(node as HtmlElement, context);
    if (text) parts.push({ text, element: node as HtmlElement });
  }
  flush();
  const isTight = isTightItem && !parts.some((part) => part.element?.tag === 'p');
  return parts
    .map(
      (part, i) => (i === 0 ? '' : isTight && part.element && canInterrupt(part.element) ? '\n' : '\n\n') + part.text,
    )
    .join('');
}

/** Markdown for a fragment of HTML (an imported post's body). */
export function htmlToMarkdown(html: string): string {
  return blocks(parseHtmlFragment(html).children, { language: {} });
}
