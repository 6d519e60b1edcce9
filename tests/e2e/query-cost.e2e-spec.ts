// Cost reflects work on every transport (issue #21): one anonymous POST with 2,400 aliased
// searches stalled the server, and graphql-ws ran operations without any of HTTP's limits.
// The same hostile operations go over HTTP and over WebSocket and must meet the same refusal.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SearchPort } from '@helpboard/search';
import { executeOverWebSocket, startTestApp, type TestApp } from './support/test-app.js';
import { registerUser } from './support/accounts.js';

const SEARCH_SELECTION = 'totalCount edges { node { thread { id title } } }';

function aliased(count: number, field: string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

/** Twelve levels, past the limit of ten: introspection is allowed deeper only when it is all the operation asks. */
const TWELVE_LEVELS = `{ health { status } __schema { types { fields { type { ${'ofType { '.repeat(7)}name${' }'.repeat(7)} } } } } }`;

const FIFTEEN_SEARCHES = aliased(15, `search(query: "data plan", first: 50) { ${SEARCH_SELECTION} }`);

type Refusal = { code?: string; reason?: string } | 'ran';

async function overHttp(t: TestApp, query: string): Promise<Refusal> {
  const response = await t.graphql(query);
  const error = response.errors?.[0];
  return error ? { code: error.extensions?.code, reason: error.extensions?.reason } : 'ran';
}

async function overWebSocket(t: TestApp, query: string): Promise<Refusal> {
  const client = t.websocket();
  try {
    const result = await executeOverWebSocket(client, query);
    const error = result.errors?.[0];
    return error ? { code: error.extensions?.code, reason: error.extensions?.reason } : 'ran';
  } catch (errors) {
    const [error] = errors as { extensions?: Record<string, string> }[];
    return { code: error.extensions?.code, reason: error.extensions?.reason };
  } finally {
    await client.dispose();
  }
}

describe('query cost and limits on every transport', () => {
  let t: TestApp;
  let searches: ReturnType<typeof jest.spyOn>;
  beforeAll(async () => {
    t = await startTestApp();
    searches = jest.spyOn(t.app.get(SearchPort), 'search');
  });
  afterAll(async () => {
    searches.mockRestore();
    await t.close();
  });

  it('refuses a 110 KB POST of 2,400 aliased searches before running any of them', async () => {
    searches.mockClear();
    const query = aliased(2_400, `search(query: "data plan") { ${SEARCH_SELECTION} }`);
    expect(query.length).toBeGreaterThan(110_000);
    const response = await t.graphql(query);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.errors?.[0].message).toMatch(/4000 tokens/);
    expect(searches).not.toHaveBeenCalled();
  });

  it('prices each search call on top of its results: 15 aliased searches of 50 are too costly', async () => {
    searches.mockClear();
    const response = await t.graphql(FIFTEEN_SEARCHES);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX' });
    expect(searches).not.toHaveBeenCalled();
  });

  it.each([
    ['3,000 aliases', aliased(3_000, '__typename'), { code: 'GRAPHQL_PARSE_FAILED' }],
    [
      '31 aliases',
      `{ health ${aliased(31, 'status')} }`,
      { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'TOO_MANY_ALIASES' },
    ],
    [
      '21 top-level fields',
      `{ ${'health { status } '.repeat(21)}}`,
      { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'TOO_MANY_ROOT_FIELDS' },
    ],
    ['12 levels', TWELVE_LEVELS, { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_DEEP' }],
    ['15 aliased searches', FIFTEEN_SEARCHES, { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX' }],
    ['a syntax error', '{ health { status }', { code: 'GRAPHQL_PARSE_FAILED' }],
  ])('refuses %s over WebSocket exactly as over HTTP', async (_label, query, expected) => {
    const [http, websocket] = [await overHttp(t, query), await overWebSocket(t, query)];
    expect(http).toMatchObject(expected);
    expect(websocket).toEqual(http);
  });

  it('still runs ordinary operations over both transports', async () => {
    expect(await overHttp(t, '{ health { status } }')).toBe('ran');
    expect(await overWebSocket(t, '{ health { status } }')).toBe('ran');
  });
});

describe('the anonymous cost budget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ANONYMOUS_QUERY_COST_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await t.close();
  });

  const SIMILAR = '{ similarQuestions(title: "How do I check my data plan?") { thread { id } } }';

  it('charges an address for its searches over HTTP and WebSocket together, per minute', async () => {
    const address = { 'x-forwarded-for': '10.220.0.1' };
    const answers: Refusal[] = [];
    // similarQuestions costs a search call (100) plus its results: about ten fit in 1,000.
    for (let i = 0; i < 6; i++) {
      const response = await t.graphql(SIMILAR, {}, { headers: address });
      answers.push(response.errors ? { reason: response.errors[0].extensions?.reason } : 'ran');
    }
    expect(answers).toEqual(Array(6).fill('ran'));
    let refused: Awaited<ReturnType<TestApp['graphql']>> | undefined;
    for (let i = 0; i < 6 && !refused; i++) {
      const response = await t.graphql(SIMILAR, {}, { headers: address });
      if (response.errors) refused = response;
    }
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused?.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'QUERY_BUDGET_EXHAUSTED' });

    // Another address has its own budget; a signed-in caller is not charged to the address.
    expect((await t.graphql(SIMILAR, {}, { headers: { 'x-forwarded-for': '10.220.0.2' } })).errors).toBeUndefined();
    const user = await registerUser(t);
    expect((await t.graphql(SIMILAR, {}, { token: user.accessToken, headers: address })).errors).toBeUndefined();

    // WebSocket clients from loopback spend the loopback address's budget, which HTTP drains too.
    for (let i = 0; i < 12; i++) await t.graphql(SIMILAR);
    expect(await overWebSocket(t, SIMILAR)).toEqual({ code: 'RATE_LIMITED', reason: 'QUERY_BUDGET_EXHAUSTED' });

    t.clock.advance(61_000);
    expect((await t.graphql(SIMILAR, {}, { headers: address })).errors).toBeUndefined();
  });
});
