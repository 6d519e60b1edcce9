// Reads the .eml files the app writes without SMTP, as a developer's mail client would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ReadMail {
  file: string;
  headers: Record<string, string>;
  subject: string;
  text: string;
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_whole, encoding: string, data: string) =>
    encoding.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

function decodeQuotedPrintable(data: string): string {
  const bytes = data
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_whole, hex: string) => `%${hex}`)
    .replace(/%(?![0-9A-F]{2})/gi, '%25');
  return decodeURIComponent(bytes);
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** The plain-text part of a (possibly multipart/alternative) message. */
export function parseMail(file: string): ReadMail {
  const raw = readFileSync(file, 'utf8');
  const split = raw.indexOf('\n\n');
  const headers = parseHeaders(raw.slice(0, split));
  let body = raw.slice(split + 2);
  let partHeaders = headers;
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1);
    const plain = parts.find((part) => /content-type:\s*text\/plain/i.test(part))!;
    const partSplit = plain.indexOf('\n\n', 1);
    partHeaders = parseHeaders(plain.slice(1, partSplit));
    body = plain.slice(partSplit + 2);
  }
  return { file, headers, subject: decodeWords(headers.subject ?? ''), text: decodeBody(partHeaders, body) };
}

export function mailIn(dataDir: string): ReadMail[] {
  const dir = join(dataDir, 'mail');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => parseMail(join(dir, name)));
}

const parsed = new Map<string, ReadMail>();

/**
 * The token of the newest account link (e.g. `/complete-signup`) mailed to `to`. Account mails are
 * written before the request that sends them answers; each file is parsed once per test process.
 */
export function accountLinkToken(dataDir: string, to: string, path: string): string | null {
  const dir = join(dataDir, 'mail');
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith('account-') && name.endsWith('.eml'));
  } catch {
    return null;
  }
  const pattern = new RegExp(`${path.replace(/[/?]/g, '\\$&')}\\?token=([\\w-]+)`);
  let token: string | null = null;
  for (const name of names.sort()) {
    const file = join(dir, name);
    let mail = parsed.get(file);
    if (!mail) {
      mail = parseMail(file);
      parsed.set(file, mail);
    }
    if (mail.headers.to === to) token = pattern.exec(mail.text)?.[1] ?? token;
  }
  return token;
}
