import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnvironment, toAppConfig } from '@helpboard/core';
import { startEmbeddedMongo } from '@helpboard/mongo-embedded';
import { createApp } from '../create-app.js';
import { printApiSchema, SCHEMA_FILE } from '../graphql/print-schema.js';

/** Writes schema.graphql from the code-first resolvers (a test fails when it is stale). */
export function printSchemaCommand(): Command {
  return new Command('print-schema').description('regenerate schema.graphql from the code').action(async () => {
    // A throwaway in-memory engine: printing the schema must not touch anyone's data.
    const engine = await startEmbeddedMongo();
    try {
      const config = toAppConfig(
        parseEnvironment({
          NODE_ENV: 'test',
          MONGODB_URI: engine.uri,
          LOG_LEVEL: 'silent',
          JWT_SECRET: 'x'.repeat(32),
          REFERRALS_SECRET_KEY: '0'.repeat(64),
        }),
      );
      const app = await createApp(config);
      await app.init();
      writeFileSync(SCHEMA_FILE, printApiSchema(app));
      await app.close();
      process.stdout.write(`wrote ${fileURLToPath(SCHEMA_FILE)}\n`);
    } finally {
      await engine.stop();
    }
  });
}
