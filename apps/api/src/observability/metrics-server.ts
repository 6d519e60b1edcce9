// METRICS_PORT: /metrics on a port of its own, for deployments that keep scraping off the public
// listener altogether. Plain node:http: no guard, no GraphQL, nothing else served there.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '@helpboard/core';
import type { Metrics } from '@helpboard/observability';
import { metricsAccess } from './metrics-access.js';

export async function startMetricsServer(
  config: AppConfig,
  metrics: Metrics,
  port: number,
): Promise<{ port: number; server: Server }> {
  const server = createServer((request, response) => {
    const status = request.url === '/metrics' ? metricsAccess(config, request, 'metrics') : 404;
    if (status !== 200) {
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 401 ? 'Unauthorized' : 'Not Found');
      return;
    }
    metrics.render().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed'),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, config.http.host, resolve));
  return { port: (server.address() as AddressInfo).port, server };
}
