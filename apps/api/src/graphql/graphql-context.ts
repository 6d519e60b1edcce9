// What every resolver receives as context, for HTTP and WebSocket operations alike.
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { type Actor, type Locale, negotiateLocale } from '@helpboard/core';

export interface GraphQLContext {
  /** The HTTP request, or for WebSocket operations the upgrade request of the connection. */
  req: IncomingMessage;
  requestId: string;
  locale: Locale;
  /** WebSocket `connection_init` payload (bearer tokens travel here); absent over HTTP. */
  connectionParams?: Record<string, unknown>;
  /** Set by the access guard on first use: the caller, or null when anonymous. */
  actor?: Actor | null;
}

interface HttpContextInput {
  req: IncomingMessage;
}
interface WsContextInput {
  extra: { request: IncomingMessage };
  connectionParams?: Record<string, unknown>;
}

export function buildGraphQLContext(input: HttpContextInput | WsContextInput): GraphQLContext {
  if ('extra' in input) {
    const req = input.extra.request;
    return {
      req,
      requestId: randomUUID(),
      locale: negotiateLocale(req.headers['accept-language']),
      connectionParams: input.connectionParams,
    };
  }
  const { req } = input;
  return {
    req,
    requestId: String(req.id ?? randomUUID()),
    locale: negotiateLocale(req.headers['accept-language']),
  };
}
