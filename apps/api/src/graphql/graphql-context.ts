// What every resolver receives as context, for HTTP and WebSocket operations alike.
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import proxyaddr from 'proxy-addr';
import { type Actor, type AppConfig, type Locale, negotiateLocale } from '@helpboard/core';

export interface GraphQLContext {
  /** The HTTP request, or for WebSocket operations the upgrade request of the connection. */
  req: IncomingMessage;
  requestId: string;
  locale: Locale;
  /** The client's address, believing X-Forwarded-For only from trusted proxies (TRUST_PROXY). */
  clientAddress: string;
  /** WebSocket `connection_init` payload (bearer tokens travel here); absent over HTTP. */
  connectionParams?: Record<string, unknown>;
  /** Set by the access guard on first use: the caller, or null when anonymous. */
  actor?: Actor | null;
}

interface HttpContextInput {
  req: IncomingMessage & { ip?: string };
}
interface WsContextInput {
  extra: { request: IncomingMessage };
  connectionParams?: Record<string, unknown>;
}

/** Whether the operation carries a credential; one that does not verify fails every field that runs. */
export function presentsCredentials(context: GraphQLContext): boolean {
  if (context.connectionParams !== undefined) {
    const params = context.connectionParams;
    return Boolean(params.authorization ?? params.Authorization ?? params.accessToken);
  }
  return Boolean(context.req.headers.authorization);
}

/** `trust` is Express's `trust proxy` setting, so WebSocket clients get the address HTTP gives them. */
export function graphqlContextBuilder(trust: AppConfig['trustProxy']) {
  const isTrusted =
    typeof trust === 'number' ? (_: string, hop: number) => hop < trust : proxyaddr.compile(trust || []);
  return (input: HttpContextInput | WsContextInput): GraphQLContext => {
    if ('extra' in input) {
      const req = input.extra.request;
      return {
        req,
        requestId: randomUUID(),
        locale: negotiateLocale(req.headers['accept-language']),
        clientAddress: proxyaddr(req, isTrusted),
        connectionParams: input.connectionParams,
      };
    }
    const { req } = input;
    return {
      req,
      requestId: String((req as { id?: unknown }).id ?? randomUUID()),
      locale: negotiateLocale(req.headers['accept-language']),
      clientAddress: req.ip ?? proxyaddr(req, isTrusted),
    };
  };
}
