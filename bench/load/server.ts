// One API instance of the load benchmark: the production configuration against the shared
// standalone engine (MONGODB_URI) and, when given, Redis (REDIS_URL). Announces `READY <url>`.
import { parseEnvironment, toAppConfig } from '@helpboard/core';
import { createApp } from '../../apps/api/src/create-app.js';

const config = toAppConfig(
  parseEnvironment({
    // The load generator is one address standing for many readers: no per-address query budget.
    ANONYMOUS_QUERY_COST_PER_MINUTE: '1000000000',
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
  }),
);
const app = await createApp(config);
await app.listen(0, '127.0.0.1');
process.stdout.write(`READY ${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
