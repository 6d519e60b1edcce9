// Signed one-click unsubscribe links: the token says who stops which e-mails, and an HMAC proves
// we issued it, so nobody can unsubscribe someone else by editing a link.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@helpboard/core';
import { NotificationKind } from '../notification/notification-kind.js';

/** A kind's e-mails, or (DIGEST) the daily digest as a whole. */
export type UnsubscribeScope = NotificationKind | 'DIGEST';

export interface UnsubscribeRequest {
  userId: string;
  scope: UnsubscribeScope;
}

const SCOPES = new Set<string>([...Object.values(NotificationKind), 'DIGEST']);

@Injectable()
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A key of its own, derived from the server secret: a token is never also a valid JWT signature.
    this.key = createHmac('sha256', config.jwtSecret).update('helpboard:unsubscribe:v1').digest();
  }

  sign(request: UnsubscribeRequest): string {
    const body = Buffer.from(`${request.userId}.${request.scope}`, 'utf8').toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The request a token carries, or null when it was not issued by us (or was altered). */
  verify(token: unknown): UnsubscribeRequest | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const [body, mac, ...rest] = token.split('.');
    if (!body || !mac || rest.length > 0) return null;
    const expected = Buffer.from(this.mac(body), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const [userId, scope] = Buffer.from(body, 'base64url').toString('utf8').split('.');
    if (!/^[0-9a-f]{24}$/.test(userId ?? '') || !SCOPES.has(scope ?? '')) return null;
    return { userId, scope: scope as UnsubscribeScope };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
