// `npm start`: validate configuration, start the API (and, without MONGODB_URI, the embedded
// database), serve until SIGTERM/SIGINT, then shut down gracefully.
import { Metrics } from '@helpboard/observability';
import { createApp } from './create-app.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { startMetricsServer } from './observability/metrics-server.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  await app.listen(config.http.port, config.http.host);
  const metricsServer =
    config.metrics.port === undefined
      ? undefined
      : await startMetricsServer(config, app.get(Metrics), config.metrics.port);
  stopGracefullyOnSignals(async () => {
    metricsServer?.server.close();
    await app.close();
  });
  const url = await app.getUrl();
  process.stdout.write(`Helpboard ${config.version} ready: the site at ${url}/, the API at ${url}/graphql\n`);
}

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish, close
 * subscriptions and the database (the embedded engine flushes), then exit 0. A second signal
 * while that runs exits at once.
 */
function stopGracefullyOnSignals(close: () => Promise<void>): void {
  let isStopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (isStopping) process.exit(1);
    isStopping = true;
    process.stdout.write(`${signal} received: shutting down\n`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Helpboard failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
