import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmbeddedMongo } from '@helpboard/mongo-embedded';
import { executeOverWebSocket, startTestApp, type TestApp } from './support/test-app.js';

describe('foundation: the API answers, fails clearly and reports its health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the health query with status, version and database', async () => {
    const response = await t.graphql('{ health { status version database databaseKind } }');
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data?.health).toEqual({
      status: 'OK',
      version: t.config.version,
      database: 'UP',
      databaseKind: 'mongodb',
    });
  });

  it('gives every response a request id, keeping a well-formed one the client sent', async () => {
    const generated = await t.graphql('{ health { status } }');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await t.graphql('{ health { status } }', {}, { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
  });

  it('serves liveness and readiness probes', async () => {
    const live = await fetch(`${t.baseUrl}/healthz`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: 'up', search: 'up', redis: 'not-configured' },
      queue: { kind: 'in-process', deadLettered: 0 },
    });
  });

  it('rejects a malformed query with GRAPHQL_PARSE_FAILED and no stack trace', async () => {
    const response = await t.graphql('{ health { status ');
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|at [A-Za-z]+ \(/);
  });

  it('rejects a query for a field that does not exist', async () => {
    const response = await t.graphql('{ health { secrets } }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects a variable of the wrong type as BAD_USER_INPUT', async () => {
    const response = await t.graphql(
      'query ($n: Int!) { boards(operatorSlug: "none", first: $n) { edges { cursor } } }',
      {
        n: 'many',
      },
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects an over-deep query before running it', async () => {
    let typeRef = 'name';
    for (let i = 0; i < 20; i++) typeRef = `ofType { ${typeRef} }`;
    const response = await t.graphql(`{ __type(name: "Health") { fields { type { ${typeRef} } } } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      reason: 'QUERY_TOO_DEEP',
    });
    expect(response.data).toBeUndefined();
  });

  it('rejects an over-complex query before running it', async () => {
    const aliases = Array.from({ length: 2_000 }, (_, i) => `h${i}: health { status version database }`).join(' ');
    const response = await t.graphql(`{ ${aliases} }`);
    // 2,000 aliases are far past the operation gate's token bound: refused by the parser itself,
    // before validation or pricing spend any time on it (tests/e2e/query-cost.e2e-spec.ts prices the rest).
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(response.errors?.[0].message).toMatch(/tokens/);
  });

  it('refuses a non-JSON body with a client error', async () => {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/at [A-Za-z]+ \(|node_modules/);
  });

  it('runs operations over WebSocket (graphql-ws)', async () => {
    const client = t.websocket();
    const result = await executeOverWebSocket(client, '{ health { status database } }');
    expect(result).toEqual({ data: { health: { status: 'OK', database: 'UP' } } });
  });
});

describe('foundation: readiness follows the database', () => {
  it('reports not ready (503) while the database is down, ready again once it is back', async () => {
    const t = await startTestApp();
    const { port } = t.engine;
    await t.engine.stop();
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'unavailable',
      checks: { database: 'down', search: 'up', redis: 'not-configured' },
    });
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    const health = await t.graphql('{ health { status database } }');
    expect(health.data?.health).toEqual({ status: 'DEGRADED', database: 'DOWN' });

    const restarted = await startEmbeddedMongo({ port });
    try {
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
        status = (await fetch(`${t.baseUrl}/readyz`)).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status).toBe(200);
    } finally {
      await t.app.close();
      await restarted.stop();
    }
  });
});
