// The full Helpboard stack (logging, validation, limits, error mapping, database ping in
// `health`) on an in-memory embedded engine.
import { parseEnvironment, toAppConfig } from '@helpboard/core';
import { startEmbeddedMongo } from '@helpboard/mongo-embedded';
import { createApp } from '../../apps/api/src/create-app.js';

const engine = await startEmbeddedMongo();
const config = toAppConfig(
  parseEnvironment({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    MONGODB_URI: engine.uri,
    JWT_SECRET: 'benchmark-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'warn',
  }),
);
const app = await createApp(config);
await app.listen(0, '127.0.0.1');
process.stdout.write(`READY ${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql\n`);
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => engine.stop())
      .then(() => process.exit(0)),
);
