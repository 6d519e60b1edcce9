// Every query and mutation in the schema, called with hostile but well-typed arguments (empty,
// huge, injection-looking and unicode-edge strings, out-of-range numbers, malformed ids), as an
// anonymous caller and as a platform admin who gets past most permission checks: no call may end
// in INTERNAL_SERVER_ERROR or an HTTP 5xx.
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
import { startTestApp, type TestApp } from '../e2e/support/test-app.js';
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

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg: GraphQLArgument) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${kind}${variables ? ` (${variables})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selectionFor(field)} }`;
}

describe('GraphQL fuzzing', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let admin: TestUser;
  const realIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPlatformAdmin(t);
    const operator = await createOperator(t, admin, [admin.handle]);
    const board = await createBoard(t, admin, operator.slug);
    const thread = await ask(t, admin, board.slug);
    realIds.push(thread.id);
    schema = buildClientSchema((await t.graphql(getIntrospectionQuery())).data as never);
  });
  afterAll(async () => {
    await t.close();
  });

  it('never answers a well-typed call with INTERNAL_SERVER_ERROR or a 5xx', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const kind of ['query', 'mutation'] as const) {
      const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
      for (const field of Object.values(root.getFields())) {
        // Signing out ends the admin's session; it is exercised elsewhere.
        if (field.name === 'logout' || field.name === 'changePassword') continue;
        const query = operation(kind, field);
        for (let variant = 0; variant < 10; variant++) {
          const variables = Object.fromEntries(
            field.args.map((arg) => [arg.name, valueFor(arg.type, variant + arg.name.length, realIds)]),
          );
          for (const token of [undefined, admin.accessToken]) {
            calls++;
            const response = await t.graphql(query, variables, {
              token,
              headers: { 'x-forwarded-for': `10.9.${variant}.${calls % 250}` },
            });
            const internal = response.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
            if (response.status >= 500 || internal)
              failures.push(`${field.name} #${variant}: ${response.status} ${internal?.message ?? ''}`);
          }
        }
      }
    }
    process.stdout.write(`GraphQL fuzzing: ${calls} calls, ${failures.length} internal errors\n`);
    expect(failures).toEqual([]);
  }, 120_000);
});
