// The stylesheet and script, fingerprinted by content so they can be cached for a year, and
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
export const ASSETS = new Map([STYLESHEET, SCRIPT].map((a) => [a.path, a]));
