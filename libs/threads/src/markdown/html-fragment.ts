// A forgiving parser for the HTML of imported posts (Stack Exchange stores rendered bodies): tags,
// attributes, text with entities decoded, comments kept (they carry code-language hints). Void
// elements need no closing tag, a <p> or <li> is closed by the next one, stray end tags are
// ignored, and scripts and styles are dropped with their content. It only has to be good enough
// to turn such bodies back into Markdown; what it yields is rendered and sanitised like any post.

export interface HtmlElement {
  tag: string;
  attributes: Record<string, string>;
  children: HtmlNode[];
}

export type HtmlNode = HtmlElement | { text: string } | { comment: string };

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'area', 'col', 'source']);
const DROPPED = new Set(['script', 'style', 'template', 'iframe', 'object', 'noscript']);
/** Opening one of these ends an open paragraph, as in HTML. */
const CLOSES_P = new Set('p div ul ol pre blockquote table hr h1 h2 h3 h4 h5 h6'.split(' '));

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  copy: '©',
  reg: '®',
  trade: '™',
  times: '×',
  euro: '€',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  });
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const m of source.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attributes[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attributes;
}

const TOKEN = /<!--([\s\S]*?)(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;

export function parseHtmlFragment(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attributes: {}, children: [] };
  const open: HtmlElement[] = [root];
  const current = () => open[open.length - 1];
  const closeTo = (index: number) => open.splice(index);
  const nearest = (tag: string, stopAt?: Set<string>) => {
    for (let i = open.length - 1; i > 0; i--) {
      if (open[i].tag === tag) return i;
      if (stopAt?.has(open[i].tag)) return -1;
    }
    return -1;
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    const [whole, comment, slash, rawTag, rawAttributes] = m;
    if (comment !== undefined) {
      current().children.push({ comment: comment.trim() });
      continue;
    }
    if (rawTag === undefined) {
      current().children.push({ text: decodeEntities(whole) });
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (slash) {
      const at = nearest(tag);
      if (at > 0) closeTo(at);
      continue;
    }
    if (DROPPED.has(tag)) {
      // Skip to the matching end tag (or the end), content and all.
      const end = html.toLowerCase().indexOf(`</${tag}`, TOKEN.lastIndex);
      TOKEN.lastIndex = end < 0 ? html.length : html.indexOf('>', end) + 1 || html.length;
      continue;
    }
    if (CLOSES_P.has(tag)) {
      const p = nearest('p', new Set(['li', 'blockquote', 'td', 'th', 'div']));
      if (p > 0) closeTo(p);
    }
    if (tag === 'li') {
      const li = nearest('li', new Set(['ul', 'ol']));
      if (li > 0) closeTo(li);
    }
    const element: HtmlElement = { tag, attributes: parseAttributes(rawAttributes), children: [] };
    current().children.push(element);
    if (!VOID.has(tag) && !rawAttributes.trimEnd().endsWith('/')) open.push(element);
  }
  return root;
}

/** Text of a node as written (pre and code keep their whitespace). */
export function textOf(node: HtmlNode): string {
  if ('text' in node) return node.text;
  if ('comment' in node) return '';
  if (node.tag === 'br') return '\n';
  return node.children.map(textOf).join('');
}
