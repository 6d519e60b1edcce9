// The stylesheet, script and icon, fingerprinted by content so they can be cached for a year, and
// pre-compressed once at start-up.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { SITE_CSS } from './site.css.js';
import { SITE_JS } from './site.js.js';

export interface Asset {
  path: string;
  type: string;
  body: Buffer;
  gzipped: Buffer;
}

function asset(name: string, extension: string, type: string, text: string): Asset {
  const body = Buffer.from(text.trim(), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${hash}.${extension}`, type, body, gzipped: gzipSync(body, { level: 9 }) };
}

export const STYLESHEET = asset('site', 'css', 'text/css; charset=utf-8', SITE_CSS);
export const SCRIPT = asset('site', 'js', 'text/javascript; charset=utf-8', SITE_JS);
/** The site's icon: a speech bubble in the accent colour (SVG; every current browser takes it). */
export const FAVICON = asset(
  'favicon',
  'svg',
  'image/svg+xml',
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="3" width="28" height="20" rx="5" fill="#1f5fbf"/><path d="M9 22l0 7 7-7z" fill="#1f5fbf"/><text x="16" y="18" font-family="sans-serif" font-size="14" font-weight="700" text-anchor="middle" fill="#fff">?</text></svg>`,
);
export const ASSETS = new Map([STYLESHEET, SCRIPT, FAVICON].map((a) => [a.path, a]));
