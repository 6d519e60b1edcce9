// `npm run worker`: a process that runs background jobs only (outbox side effects, periodic jobs,
// view-count writes) so operators scale workers apart from API instances (BACKGROUND_JOBS=off).
// It boots the same application, so every lib defines the same jobs, and serves nothing but the
// probes on PORT: /healthz and /readyz (database, search, Redis, queue lag).
import type { NextFunction, Request, Response } from 'express';
import { createApp } from './create-app.js';
import { loadConfigOrExit } from './load-config-or-exit.js';

const PROBES = new Set(['/healthz', '/readyz']);

async function main(): Promise<void> {
  const config = { ...loadConfigOrExit(), runsBackgroundJobs: true };
  const app = await createApp(config);
  app.use((req: Request, res: Response, next: NextFunction) => (PROBES.has(req.path) ? next() : res.status(404).end()));
  await app.listen(config.http.port, config.http.host);
  let isStopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (isStopping) process.exit(1);
    isStopping = true;
    process.stdout.write(`${signal} received: finishing running jobs\n`);
    // Closing lets running jobs finish; a job cut short is retried by another worker.
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`Helpboard worker ${config.version} running jobs; probes on ${await app.getUrl()}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Helpboard worker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
