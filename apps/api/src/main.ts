// `npm start`: validate configuration, start the API (and, without MONGODB_URI, the embedded
// database), serve until SIGTERM/SIGINT, then shut down gracefully.
import { ConfigError, loadConfig } from '@helpboard/core';
import { createApp } from './create-app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.http.port, config.http.host);
  const url = await app.getUrl();
  process.stdout.write(`Helpboard API ${config.version} listening on ${url}/graphql\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Helpboard failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
