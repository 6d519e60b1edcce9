// A production-configured Helpboard on an in-memory engine, for benchmark server processes.
import type { INestApplication } from '@nestjs/common';
import { type Actor, parseEnvironment, PlatformRole, toAppConfig } from '@helpboard/core';
import { type EmbeddedMongo, startEmbeddedMongo } from '@helpboard/mongo-embedded';
import { createApp } from '../../apps/api/src/create-app.js';

export async function startBenchApp(): Promise<{ app: INestApplication; engine: EmbeddedMongo }> {
  const engine = await startEmbeddedMongo();
  const config = toAppConfig(
    parseEnvironment({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      MONGODB_URI: engine.uri,
      JWT_SECRET: 'benchmark-secret-that-is-long-enough-0123456789',
      REFERRALS_SECRET_KEY: 'b'.repeat(64),
      LOG_LEVEL: 'warn',
      // One load generator on one address sends thousands of anonymous queries a second: the
      // per-address budget would answer most of them with 429 and the bench would time refusals.
      ANONYMOUS_QUERY_COST_PER_MINUTE: String(1_000_000_000),
    }),
  );
  return { app: await createApp(config), engine };
}

/**
 * Listens on a free loopback port, runs `beforeReady` (e.g. a warm-up measurement), announces
 * `READY <url>` for the benchmark runner, and stops cleanly on SIGTERM.
 */
export async function serveBenchApp(
  { app, engine }: { app: INestApplication; engine: EmbeddedMongo },
  beforeReady?: (url: string) => Promise<void>,
): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  await beforeReady?.(url);
  process.stdout.write(`READY ${url}/graphql\n`);
  process.on(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => engine.stop())
        .then(() => process.exit(0)),
  );
  return url;
}

/** The actor of a user seeded through the services (benchmarks call services as that user). */
export function actorOf(user: { _id: { toHexString(): string }; handle: string }, role = PlatformRole.User): Actor {
  return {
    userId: user._id.toHexString(),
    handle: user.handle,
    platformRole: role,
    isSuspended: false,
    sessionId: '000000000000000000000000',
  };
}
