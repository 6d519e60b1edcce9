// Who may read the metrics. They name operations, error rates and queue depths, so in production
// they are served only to a scraper holding METRICS_TOKEN, or on METRICS_PORT (an internal port
// the load balancer does not expose), never openly on the public port.
import type { IncomingMessage } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '@helpboard/core';

/** Compares digests so neither the token's length nor its content leaks through timing. */
function isSameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * On the public port the token travels in `X-Metrics-Token`: an `Authorization` header there is
 * a user's access token to the API's guard. On the metrics port `Authorization: Bearer` works too
 * (Prometheus' `authorization` scrape setting).
 */
export function metricsAccess(
  config: AppConfig,
  request: IncomingMessage,
  port: 'public' | 'metrics',
): 200 | 401 | 404 {
  const token = config.metrics.token;
  if (port === 'public' && config.metrics.port !== undefined) return 404;
  if (token === undefined) return port === 'metrics' || !config.isProduction ? 200 : 404;
  const header = request.headers['x-metrics-token'];
  const bearer = port === 'metrics' ? /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] : undefined;
  const given = typeof header === 'string' ? header : (bearer ?? '');
  return isSameToken(given, token) ? 200 : 401;
}
