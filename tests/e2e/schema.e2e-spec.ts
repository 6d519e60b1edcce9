import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { printApiSchema, SCHEMA_FILE } from '../../apps/api/src/graphql/print-schema.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('schema.graphql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('matches the schema the code generates (run `npm run cli -- print-schema` after API changes)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printApiSchema(t.app));
  });

  it('describes every type and field, since it is the API manual', () => {
    const sdl = printApiSchema(t.app);
    const rootTypes = new Set(['Query', 'Mutation', 'Subscription']);
    const undocumented = [...sdl.matchAll(/^(?:type|input|enum) (\w+)/gm)]
      .map((m) => m[1])
      .filter((name) => !rootTypes.has(name))
      .filter(
        (name) =>
          !new RegExp(`"""[^"]*"""\\n(?:type|input|enum) ${name}\\b|"[^"\\n]+"\\n(?:type|input|enum) ${name}\\b`).test(
            sdl,
          ),
      );
    expect(undocumented).toEqual([]);
  });
});
