// Every query and mutation in the schema, called with hostile arguments (empty, huge,
// injection-looking and unicode-edge strings, out-of-range numbers, malformed ids, negative and
// enormous page sizes, operator objects such as {"$gt": ""} where strings belong, deeply nested
// values and selections), as an anonymous caller and as a platform admin who gets past most
// permission checks: no call may end in INTERNAL_SERVER_ERROR or an HTTP 5xx, and no rejected
// mutation may change a stored document (its committed writes are watched through the driver's
// command monitoring, which is cheap enough to check every call). The same calls, subscriptions
// included, go over graphql-ws too: no result or error there may be INTERNAL_SERVER_ERROR, and the
// server may never drop the connection because of what an operation held.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLSchema,
} from 'graphql';
import { getConnectionToken } from '@nestjs/mongoose';
import type { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Client } from 'graphql-ws';
import { startTestApp, type TestApp } from '../e2e/support/test-app.js';
import { CommittedWrites } from './support/committed-writes.js';
import { deepSelection, nested, PAGE_SIZES } from './support/hostile-shapes.js';
import { createPlatformAdmin, type TestUser } from '../e2e/support/accounts.js';
import { createBoard, createOperator } from '../e2e/support/boards.js';
import { ask } from '../e2e/support/threads.js';

const STRINGS = [
  '',
  ' ',
  'x'.repeat(20_000),
  '{"$gt": ""}',
  '$where',
  '<script>alert(1)</script>',
  '\u0000\uFFFF\uD83D',
  'ℌ𝔢𝔩𝔭 蛤蟆 🧪',
  '../../etc/passwd',
];
const INTS = [0, -1, 2_147_483_647, -2_147_483_648];
const FLOATS = [0, -1, 1e308, Number.MIN_VALUE];

function scalarValue(name: string, variant: number, realIds: string[]): unknown {
  switch (name) {
    case 'Int':
      return INTS[variant % INTS.length];
    case 'Float':
      return FLOATS[variant % FLOATS.length];
    case 'Boolean':
      return variant % 2 === 0;
    case 'DateTime':
      return ['1970-01-01T00:00:00.000Z', '2999-12-31T23:59:59.999Z', new Date().toISOString()][variant % 3];
    case 'ID':
      return [...realIds, 'ffffffffffffffffffffffff', 'not-an-id', '', '{"$ne": null}'][variant % (realIds.length + 4)];
    default:
      return STRINGS[variant % STRINGS.length];
  }
}

function valueFor(type: GraphQLInputType, variant: number, realIds: string[], depth = 0): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, variant, realIds, depth);
  if (isListType(type))
    return depth > 2
      ? []
      : [valueFor(type.ofType, variant, realIds, depth + 1), valueFor(type.ofType, variant + 1, realIds, depth + 1)];
  if (isEnumType(type)) return type.getValues()[variant % type.getValues().length].name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) || variant % 2 === 0)
        .map((field) => [field.name, valueFor(field.type, variant + field.name.length, realIds, depth + 1)]),
    );
  }
  if (isScalarType(type)) return scalarValue(type.name, variant, realIds);
  return null;
}

/** The smallest selection that is valid for the field's return type. */
function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return '';
  const scalar = Object.values(type.getFields()).find((f) => isScalarType(getNamedType(f.type)) && f.args.length === 0);
  if (scalar) return `{ ${scalar.name} }`;
  return '{ __typename }';
}

function operation(kind: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg: GraphQLArgument) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${kind}${variables ? ` (${variables})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selectionFor(field)} }`;
}

describe('GraphQL fuzzing', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let admin: TestUser;
  let writes: CommittedWrites;
  const realIds: string[] = [];
  const failures: string[] = [];
  let calls = 0;
  let websocketCalls = 0;
  /** Rejected mutations whose writes were checked, and accepted ones seen writing (the watch works). */
  let rejectedMutations = 0;
  let acceptedWrites = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPlatformAdmin(t);
    const operator = await createOperator(t, admin, [admin.handle]);
    const board = await createBoard(t, admin, operator.slug);
    const thread = await ask(t, admin, board.slug);
    realIds.push(thread.id);
    schema = buildClientSchema((await t.graphql(getIntrospectionQuery())).data as never);
    writes = new CommittedWrites(t.app.get<Connection>(getConnectionToken()).getClient() as unknown as MongoClient);
  });
  afterAll(async () => {
    writes.close();
    process.stdout.write(
      `GraphQL fuzzing: ${calls} HTTP calls, ${websocketCalls} WebSocket operations, ${rejectedMutations} rejected mutations checked for writes, ${failures.length} failures\n`,
    );
    await t.close();
  });

  /** One call; records a 5xx, an INTERNAL_SERVER_ERROR, or a rejected mutation that changed stored data. */
  async function send(
    label: string,
    query: string,
    /** A string is sent as the raw JSON of the variables (for nesting JSON.stringify cannot build). */
    variables: Record<string, unknown> | string,
    token: string | undefined,
    mutationField?: string,
  ): Promise<void> {
    calls++;
    const requestId = `fuzz-${calls}`;
    const headers = {
      'x-forwarded-for': `10.9.${calls % 250}.${Math.floor(calls / 250) % 250}`,
      'x-request-id': requestId,
    };
    const response =
      typeof variables === 'string'
        ? await sendRaw(query, variables, headers)
        : await t.graphql(query, variables, { token, headers });
    const internal = response.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
    if (response.status >= 500 || internal) failures.push(`${label}: ${response.status} ${internal?.message ?? ''}`);
    const changed = writes.take(requestId);
    const isRejected = mutationField !== undefined && response.errors?.length && response.data?.[mutationField] == null;
    if (isRejected) rejectedMutations++;
    else if (changed.length > 0) acceptedWrites++;
    if (isRejected && changed.length > 0)
      failures.push(`${label}: rejected (${response.errors![0].extensions?.code}) but changed ${changed.join(', ')}`);
  }

  async function sendRaw(query: string, variables: string, headers: Record<string, string>) {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}`, ...headers },
      body: `{"query": ${JSON.stringify(query)}, "variables": ${variables}}`,
    });
    const body = (await response.json().catch(() => ({}))) as { data?: any; errors?: any[] };
    return { status: response.status, ...body };
  }

  /**
   * One operation over WebSocket: resolves at its first result or error, or after a quiet moment
   * for a subscription that is open and waiting for events. Records INTERNAL_SERVER_ERROR and a
   * connection the server closed (graphql-ws reports those as a close event, not as errors).
   */
  function sendOverWebSocket(label: string, client: Client, query: string, variables: unknown): Promise<void> {
    websocketCalls++;
    return new Promise((resolve) => {
      let settled = false;
      const settle = (problem?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(quiet);
        unsubscribe();
        if (problem) failures.push(`ws ${label}: ${problem}`);
        resolve();
      };
      const internal = (errors: readonly { extensions?: Record<string, unknown>; message: string }[] | undefined) =>
        errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')?.message;
      const unsubscribe = client.subscribe(
        { query, variables: variables as Record<string, unknown> },
        {
          next: (result) => settle(internal(result.errors as never)),
          error: (error) =>
            settle(
              Array.isArray(error)
                ? internal(error)
                : `connection closed: ${(error as { code?: number }).code ?? String(error)}`,
            ),
          complete: () => settle(),
        },
      );
      const quiet = setTimeout(() => settle(), 300);
    });
  }

  function rootFields(kind: 'query' | 'mutation' | 'subscription') {
    const root =
      kind === 'query'
        ? schema.getQueryType()!
        : kind === 'mutation'
          ? schema.getMutationType()!
          : schema.getSubscriptionType()!;
    // Signing out ends the admin's session; it is exercised elsewhere.
    return Object.values(root.getFields()).filter((f) => f.name !== 'logout' && f.name !== 'changePassword');
  }

  function argumentsFor(
    field: GraphQLField<unknown, unknown>,
    variant: number,
    override?: (arg: GraphQLArgument) => unknown,
  ) {
    return Object.fromEntries(
      field.args.map((arg) => [arg.name, override?.(arg) ?? valueFor(arg.type, variant + arg.name.length, realIds)]),
    );
  }

  it('never answers a well-typed call with INTERNAL_SERVER_ERROR or a 5xx', async () => {
    for (const kind of ['query', 'mutation'] as const) {
      for (const field of rootFields(kind)) {
        const query = operation(kind, field);
        for (let variant = 0; variant < 10; variant++) {
          for (const token of [undefined, admin.accessToken])
            await send(
              `${field.name} #${variant}`,
              query,
              argumentsFor(field, variant),
              token,
              kind === 'mutation' ? field.name : undefined,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(acceptedWrites).toBeGreaterThan(0);
  }, 120_000);

  it('refuses negative and enormous page sizes and operator objects in strings cleanly', async () => {
    for (const kind of ['query', 'mutation'] as const) {
      for (const field of rootFields(kind)) {
        const query = operation(kind, field);
        const mutationField = kind === 'mutation' ? field.name : undefined;
        const paged = field.args.filter((arg) => ['first', 'last', 'count'].includes(arg.name));
        for (const size of paged.length ? PAGE_SIZES : []) {
          const variables = argumentsFor(field, 0, (arg) => (paged.includes(arg) ? size : undefined));
          await send(`${field.name} page ${size}`, query, variables, admin.accessToken, mutationField);
        }
        const stringy = field.args.some((arg) => ['String', 'ID'].includes(getNamedType(arg.type).name));
        if (stringy) {
          const variables = argumentsFor(field, 0, (arg) =>
            ['String', 'ID'].includes(getNamedType(arg.type).name) ? { $gt: '' } : undefined,
          );
          for (const token of [undefined, admin.accessToken])
            await send(`${field.name} {$gt}`, query, variables, token, mutationField);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('refuses deeply nested selections, fragments and values cleanly', async () => {
    for (const field of rootFields('query')) {
      const selection = deepSelection(schema, field, 40);
      if (selection)
        await send(
          `${field.name} depth 40`,
          operation('query', field).replace(/\{[^{}]*\}\s*\}$/, `${selection} }`),
          argumentsFor(field, 0),
          admin.accessToken,
        );
    }
    for (const kind of ['query', 'mutation'] as const) {
      for (const field of rootFields(kind).filter((f) => f.args.length > 0)) {
        // Every argument replaced by a value nested far deeper than any input type.
        for (const depth of [64, 5_000]) {
          const value = nested(depth);
          const variables = `{${field.args.map((arg) => `${JSON.stringify(arg.name)}: ${value}`).join(', ')}}`;
          await send(
            `${field.name} nested ${depth}`,
            operation(kind, field),
            variables,
            admin.accessToken,
            kind === 'mutation' ? field.name : undefined,
          );
        }
      }
    }
    await send('recursive fragment', 'query { me { ...A } } fragment A on User { handle ...A }', {}, admin.accessToken);
    await send(
      '1000 aliases',
      `query { ${Array.from({ length: 1_000 }, (_, i) => `a${i}: health { status }`).join(' ')} }`,
      {},
      undefined,
    );
    await send(
      'deep list literal',
      `query { thread(id: ${'['.repeat(2_000)}"x"${']'.repeat(2_000)}) { id } }`,
      {},
      undefined,
    );
    expect(failures).toEqual([]);
  }, 60_000);
  it('never answers an operation over graphql-ws with INTERNAL_SERVER_ERROR or a dropped connection', async () => {
    const clients = [t.websocket(), t.websocket({ authorization: `Bearer ${admin.accessToken}` })];
    for (const kind of ['subscription', 'query', 'mutation'] as const) {
      for (const field of rootFields(kind)) {
        const query = operation(kind, field);
        const variants = kind === 'subscription' ? 10 : 2;
        for (let variant = 0; variant < variants; variant++)
          for (const client of clients)
            await sendOverWebSocket(`${field.name} #${variant}`, client, query, argumentsFor(field, variant));
        for (const client of clients) {
          const operators = argumentsFor(field, 0, (arg) =>
            ['String', 'ID'].includes(getNamedType(arg.type).name) ? { $gt: '' } : undefined,
          );
          await sendOverWebSocket(`${field.name} {$gt}`, client, query, operators);
        }
      }
    }
    for (const field of rootFields('query')) {
      const selection = deepSelection(schema, field, 40);
      if (selection)
        await sendOverWebSocket(
          `${field.name} depth 40`,
          clients[1],
          operation('query', field).replace(/\{[^{}]*\}\s*\}$/, `${selection} }`),
          argumentsFor(field, 0),
        );
    }
    const hostile = [
      'query { me { ...A } } fragment A on User { handle ...A }',
      `query { ${Array.from({ length: 3_000 }, (_, i) => `a${i}: health { status }`).join(' ')} }`,
      `query { thread(id: ${'['.repeat(2_000)}"x"${']'.repeat(2_000)}) { id } }`,
      'query { health { status }',
      'subscription { a: boardActivity(boardSlug: "x") { __typename } b: boardActivity(boardSlug: "y") { __typename } }',
      '',
    ];
    for (const [i, query] of hostile.entries())
      for (const client of clients) await sendOverWebSocket(`hostile #${i}`, client, query, {});
    expect(failures).toEqual([]);
  }, 120_000);
});
