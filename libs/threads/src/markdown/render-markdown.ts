// Markdown → safe HTML for posts. Raw HTML in the source is not interpreted at all (markdown-it
// with html: false), and the output is sanitised again with an allow-list, so neither scripts,
// event handlers nor javascript: URLs can survive. External links are marked as user content.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { FILE_URL_PREFIX } from '@helpboard/files';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// Bare text becomes a link only with a scheme (`https://…`, `mailto:`) or `www.`: linkify's fuzzy
// matching would otherwise link file names whose extension is also a top-level domain
// (`README.md`, `defrag-ops.py`).
const findLinks = markdown.linkify.match.bind(markdown.linkify);
markdown.linkify.match = (text: string) =>
  (findLinks(text) ?? []).filter((link) => link.schema !== '' || /^www\./i.test(link.text));

/** Protocol-relative URLs (`//example.org`) resolved to https: the sanitiser refuses them as they are. */
export function withScheme(url: string): string {
  return url.startsWith('//') ? `https:${url}` : url;
}

/** @handle mentions: the same alphabet as handles, not preceded by a word character or `/`. */
const MENTION = /(^|[^\w/@])@([A-Za-z0-9_-]{3,30})\b/g;

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'strong',
  'em',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

const ALLOWED_ATTRIBUTES = { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'title'], code: ['class'] };

export interface RenderedMarkdown {
  html: string;
  /** Lower-cased handles mentioned in the text, for resolving and notifying. */
  mentions: string[];
  /** Whether the post contains external links (new users' link posts are reviewed). */
  hasLinks: boolean;
}

export interface RenderOptions {
  /** Handles (lower-case) that exist: only those become profile links. */
  knownHandles?: ReadonlySet<string>;
  /** Host of this site: links to it are not marked nofollow. */
  siteHost?: string;
}

export function findMentions(source: string): string[] {
  return [...new Set([...source.matchAll(MENTION)].map((m) => m[2].toLowerCase()))];
}

function isExternal(href: string, siteHost?: string): boolean {
  try {
    const url = new URL(href, 'https://internal.invalid');
    return url.host !== 'internal.invalid' && url.host !== siteHost;
  } catch {
    return true;
  }
}

/** The referrals lib's redirect path: `/r/` and a 10-character code (see its short-code.ts). */
const REFERRAL_PATH = /^\/r\/[2-9a-hjkmnp-z]{10}$/;

function isReferralLink(href: string, siteHost?: string): boolean {
  try {
    const url = new URL(href, 'https://internal.invalid');
    return (url.host === 'internal.invalid' || url.host === siteHost) && REFERRAL_PATH.test(url.pathname);
  } catch {
    return false;
  }
}

/** Sanitises HTML with the posts' allow-list, marking external links as user content. */
function sanitise(html: string, siteHost?: string): { html: string; hasLinks: boolean } {
  let hasLinks = false;
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https'] },
    allowProtocolRelative: false,
    allowedClasses: { code: [/^language-[\w-]+$/] },
    transformTags: {
      a: (tagName, attribs): sanitizeHtml.Tag => {
        const href = withScheme(attribs.href ?? '');
        // A referral link (the first-party /r/<code> redirect) is paid placement: search engines
        // are told so (Google's rel="sponsored"), whoever's site it points at.
        if (isReferralLink(href, siteHost)) return { tagName, attribs: { href, rel: 'sponsored nofollow' } };
        if (!isExternal(href, siteHost)) return { tagName, attribs: { href } };
        hasLinks = true;
        return { tagName, attribs: { href, rel: 'nofollow ugc noopener', target: '_blank' } };
      },
      img: (tagName, attribs): sanitizeHtml.Tag => ({
        tagName,
        attribs: attribs.src ? { ...attribs, src: withScheme(attribs.src) } : attribs,
      }),
    },
  });
  return { html: clean, hasLinks };
}

export function renderMarkdown(source: string, options: RenderOptions = {}): RenderedMarkdown {
  const known = options.knownHandles ?? new Set<string>();
  const withMentions = source.replace(MENTION, (whole, before: string, handle: string) =>
    known.has(handle.toLowerCase()) ? `${before}[@${handle}](/u/${handle.toLowerCase()})` : whole,
  );
  const { html, hasLinks } = sanitise(markdown.render(withMentions), options.siteHost);
  return { html, mentions: findMentions(source), hasLinks };
}

/**
 * Posts' rendered HTML with every image turned into a link to it. A remote image is fetched by
 * each reader's browser, so its host learns who read the post and when (a tracking pixel);
 * boards that choose so (private boards by default) show links instead. Applied when a post is
 * shown, not stored, so a board's choice reaches its old posts and follows a moved thread.
 * Images uploaded here (`/files/…`) stay images: this site serves them, to the board's readers only.
 */
export function imagesAsLinks(html: string): string {
  if (!html.includes('<img')) return html;
  // The input is already sanitised: the same allow-list keeps it as it is, but for the images.
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedClasses: { code: [/^language-[\w-]+$/] },
    transformTags: {
      img: (tagName, attribs): sanitizeHtml.Tag =>
        attribs.src?.startsWith(FILE_URL_PREFIX)
          ? { tagName, attribs }
          : {
              tagName: 'a',
              attribs: { href: attribs.src ?? '', rel: 'nofollow ugc noopener', target: '_blank' },
              text: attribs.alt || attribs.src || '',
            },
    },
  });
}

/** Plain text of a post (search snippets, notifications). */
export function markdownToText(source: string): string {
  return sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}
