// Structured JSON logs with pino: one line per request with a request id (taken from
// X-Request-Id when a proxy sets it, echoed back), and Nest's own log calls through the same
// logger. Every line written while a request, WebSocket operation or job runs carries its
// `requestId`, read from the request context (libs/core/src/context).
import type { LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import type { NextFunction } from 'express';
import { acceptedRequestId, type AppConfig, currentRequestId, runInRequestContext } from '@helpboard/core';
import { logDestination } from './pretty-lines.js';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id (see httpLogging). */
    id?: string;
  }
}

/** Probes are polled every few seconds; logging them would drown everything else. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const id = acceptedRequestId(req.headers['x-request-id']);
  res.setHeader('X-Request-Id', id);
  return id;
}

export function createLogger(config: AppConfig): Logger {
  const options = {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  const destination = logDestination();
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Nest's start-up chatter (each module initialised, each route mapped) is for debugging the
 * wiring, not for someone starting the server: it is logged at debug level.
 */
const WIRING_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);
const isWiring = (message: unknown, context: string | undefined) =>
  (context !== undefined && WIRING_CONTEXTS.has(context)) ||
  (typeof message === 'string' && /^Mapped \{/.test(message));

/**
 * One middleware per request: takes or makes its id (echoed as X-Request-Id), runs the rest of
 * the request inside a request context with it, and logs one line when the response is sent
 * (5xx at error level, the rest at info; at debug, one more when the request arrives). It replaces pino-http, whose per-request child logger
 * and serializers cost a trivial request about a tenth of its time even with info logs off.
 */
export function httpLogging(logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: NextFunction) => {
    const id = requestIdOf(req, res);
    req.id = id;
    if (!QUIET_PATHS.has(req.url ?? '')) {
      // At debug level, also when a request starts being handled (e.g. to see it is in flight).
      if (logger.isLevelEnabled('debug')) logger.debug({ method: req.method, url: req.url }, 'request received');
      const started = performance.now();
      res.once('finish', () => {
        const level = res.statusCode >= 500 ? 'error' : 'info';
        if (!logger.isLevelEnabled(level)) return;
        logger[level](
          {
            req: { id, method: req.method, url: req.url },
            res: { statusCode: res.statusCode },
            responseTime: Math.round(performance.now() - started),
          },
          'request completed',
        );
      });
    }
    runInRequestContext('http', id, next);
  };
}

/** Nest's LoggerService on pino: `logger.error({ err, requestId }, 'message')` or Nest's (message, context) form. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, params: unknown[]) {
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    if (message !== null && typeof message === 'object') {
      const text = typeof params[0] === 'string' && params.length > 1 ? params[0] : undefined;
      this.logger[level]({ ...(message as object), context }, text);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]) {
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    this.write(isWiring(message, context) ? 'debug' : 'info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }
}
