// Operability of one instance: request ids echoed back, Prometheus metrics per operation (HTTP and
// WebSocket), errors by code, database round trips, outbox lag, and who may scrape /metrics.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Metrics } from '@helpboard/observability';
import { startMetricsServer } from '../../apps/api/src/observability/metrics-server.js';
import { executeOverWebSocket, startTestApp, type TestApp } from './support/test-app.js';

async function scrape(t: TestApp, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.baseUrl}/metrics`, { headers });
  return { status: response.status, text: await response.text() };
}

/** The value of one sample line, e.g. `name{label="x"} 3`. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((p) => l.includes(p)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('observability', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('echoes a valid X-Request-Id and replaces an unusable one', async () => {
    const kept = await t.graphql('{ health { status } }', {}, { headers: { 'x-request-id': 'lb-1234.abc' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-1234.abc');
    const replaced = await t.graphql('{ health { status } }', {}, { headers: { 'x-request-id': 'bad id\n' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts operations by root field and transport, errors by code and database round trips', async () => {
    await t.graphql('{ health { status } }');
    await t.graphql('{ health { status } }');
    await t.graphql('query ($s: String!) { board(slug: $s) { id } }', { s: 'no-such-board' });
    await t.graphql('mutation { logout }');
    await executeOverWebSocket(t.websocket(), '{ health { status } }');

    const { status, text } = await scrape(t);
    expect(status).toBe(200);
    const count = 'helpboard_graphql_operation_duration_seconds_count';
    expect(sample(text, count, 'operation="health",type="query",transport="http"')).toBeGreaterThanOrEqual(2);
    expect(sample(text, count, 'operation="health",type="query",transport="websocket"')).toBe(1);
    expect(sample(text, 'helpboard_graphql_errors_total', 'operation="logout",code="UNAUTHENTICATED"')).toBe(1);
    // The board lookup went to the database at least once, and the histogram saw it.
    expect(sample(text, 'helpboard_db_round_trips_per_request_sum', 'operation="board"')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'helpboard_db_commands_total', 'command="find",outcome="ok"')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^helpboard_outbox_lag_seconds \d/m);
    expect(text).toMatch(/^helpboard_outbox_pending_messages \d/m);
    expect(sample(text, 'helpboard_queue_jobs', 'queue="jobs-in-process",state="waiting"')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('helpboard_process_cpu_seconds_total');
  });
});

describe('who may scrape /metrics', () => {
  it('requires the token when METRICS_TOKEN is set', async () => {
    const t = await startTestApp({ METRICS_TOKEN: 'scrape-token-0123456789' });
    try {
      expect((await scrape(t)).status).toBe(401);
      expect((await scrape(t, { 'x-metrics-token': 'wrong-token-0123456789' })).status).toBe(401);
      expect((await scrape(t, { 'x-metrics-token': 'scrape-token-0123456789' })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('is absent in production without a token', async () => {
    const t = await startTestApp({ NODE_ENV: 'production' });
    try {
      expect((await scrape(t)).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('with METRICS_PORT moves to that port, where a bearer token works', async () => {
    const t = await startTestApp({ METRICS_PORT: '0', METRICS_TOKEN: 'scrape-token-0123456789' });
    const { server, port } = await startMetricsServer(t.config, t.app.get(Metrics), 0);
    try {
      expect((await scrape(t, { 'x-metrics-token': 'scrape-token-0123456789' })).status).toBe(404);
      const url = `http://127.0.0.1:${port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const scraped = await fetch(url, { headers: { authorization: 'Bearer scrape-token-0123456789' } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('helpboard_graphql_operation_duration_seconds');
    } finally {
      server.close();
      await t.close();
    }
  });
});
