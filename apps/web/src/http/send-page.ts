// Sends a rendered page. Pages for signed-in readers are private and never stored; pages any
// anonymous reader would see alike are public with an ETag, so a browser or CDN revalidates
// with one cheap request and gets 304 until the content changes.
import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SafeHtml } from '../render/html.js';
import type { WebRequest } from './web-request.js';

/**
 * Pages are rendered with this stand-in for the CSP nonce and get the request's real nonce just
 * before sending, so a cached or ETagged page is the same bytes for every reader. Random per
 * process: nobody can write it into a post.
 */
export const NONCE_SLOT = `n${randomBytes(12).toString('hex')}`;

function withNonce(request: Request, body: string): string {
  return body.replaceAll(NONCE_SLOT, (request as WebRequest).web.nonce);
}

export interface SendOptions {
  status?: number;
  /** Anonymous pages identical for everyone (in this locale): ETag + revalidation. */
  isPublic?: boolean;
}

export function etagOf(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether the request's If-None-Match names this ETag. */
export function isNotModified(request: Request, etag: string): boolean {
  const header = request.headers['if-none-match'];
  return !!header && header.split(',').some((tag) => tag.trim() === etag);
}

export function sendPublic(request: Request, response: Response, body: string, etag: string, status = 200): void {
  response.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
  response.setHeader('Vary', 'Accept-Language, Cookie');
  response.setHeader('ETag', etag);
  if (status === 200 && isNotModified(request, etag)) {
    // The stored page keeps the CSP it came with: its nonce is the one in its markup.
    response.removeHeader('Content-Security-Policy');
    response.status(304).end();
    return;
  }
  response.status(status).type('html').send(withNonce(request, body));
}

export function sendPage(request: Request, response: Response, page: SafeHtml, options: SendOptions = {}): void {
  const status = options.status ?? 200;
  if (options.isPublic && !(request as WebRequest).actor) {
    sendPublic(request, response, page.value, etagOf(page.value), status);
    return;
  }
  response.setHeader('Cache-Control', 'private, no-store');
  response.status(status).type('html').send(withNonce(request, page.value));
}
