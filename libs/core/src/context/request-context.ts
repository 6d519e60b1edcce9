// The request (or job) a piece of work belongs to, carried through async calls with
// AsyncLocalStorage, so logs, database command counts and spans find it without threading an
// argument through every service. HTTP requests, WebSocket operations and jobs each open one.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';

export interface RequestContext {
  /** Taken from a valid incoming `x-request-id`, or generated; echoed back and logged. */
  readonly requestId: string;
  /** What opened the context, for logs and metrics. */
  readonly kind: 'http' | 'websocket' | 'job';
  /** Database commands sent on this context's behalf (counted by the command monitor). */
  dbCommands: number;
  /** The span of the GraphQL operation or job, so database spans can hang under it. */
  span?: Span;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** A caller-supplied request id is kept only when it is short and plain (it ends up in logs). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function acceptedRequestId(given: unknown): string {
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Runs `work` inside a new context; a job passes the request id of the request that enqueued it. */
export function runInRequestContext<T>(kind: RequestContext['kind'], requestId: string | undefined, work: () => T): T {
  return storage.run({ requestId: acceptedRequestId(requestId), kind, dbCommands: 0 }, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
