// The unified test format's rules for comparing an expected value with an actual one: extra
// fields allowed only in root documents, numbers equal whatever their BSON type, and the
// `$$` operators ($$exists, $$type, $$unsetOrMatches, $$matchesEntity, $$sessionLsid, $$lte…).
import { Binary, type Document, EJSON } from 'bson';

export type EntityLookup = (id: string) => unknown;

const NUMBER_TYPES = new Set(['Int32', 'Long', 'Double', 'Decimal128']);

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const type = (value as { _bsontype?: string } | null)?._bsontype;
  if (type && NUMBER_TYPES.has(type)) return Number((value as { toString(): string }).toString());
  return undefined;
}

function bsonTypeName(value: unknown): string[] {
  if (value === null) return ['null'];
  if (value === undefined) return ['undefined'];
  if (typeof value === 'string') return ['string'];
  if (typeof value === 'boolean') return ['bool'];
  if (typeof value === 'number') return Number.isInteger(value) ? ['int', 'long', 'double'] : ['double'];
  if (Array.isArray(value)) return ['array'];
  if (value instanceof Date) return ['date'];
  if (value instanceof RegExp) return ['regex'];
  const type = (value as { _bsontype?: string })._bsontype;
  const names: Record<string, string> = {
    Int32: 'int',
    Long: 'long',
    Double: 'double',
    Decimal128: 'decimal',
    ObjectId: 'objectId',
    Binary: 'binData',
    Timestamp: 'timestamp',
    BSONRegExp: 'regex',
    MinKey: 'minKey',
    MaxKey: 'maxKey',
    Code: 'javascript',
  };
  return [type ? (names[type] ?? type) : 'object'];
}

function isPlainDocument(value: unknown): value is Document {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value as Document)._bsontype &&
    !(value instanceof Date)
  );
}

/** Throws an Error saying where `actual` differs from `expected`. */
export function assertMatches(
  expected: unknown,
  actual: unknown,
  entities: EntityLookup,
  path = '',
  isRoot = true,
): void {
  // The driver sends some documents (sort, hint) as Maps, to keep their key order.
  if (actual instanceof Map) actual = Object.fromEntries(actual);
  const fail = (why: string): never => {
    throw new Error(
      `${path || '(root)'}: ${why} (expected ${EJSON.stringify(expected as Document)}, got ${safe(actual)})`,
    );
  };
  if (isPlainDocument(expected)) {
    const keys = Object.keys(expected);
    if (keys.length === 1 && keys[0].startsWith('$$'))
      return special(keys[0], expected[keys[0]], actual, entities, path, isRoot, fail);
    if (!isPlainDocument(actual)) fail('not a document');
    const actualDoc = actual as Document;
    for (const key of keys) {
      const inner = expected[key] as unknown;
      if (isPlainDocument(inner) && '$$exists' in inner) {
        if ((actualDoc[key] !== undefined) !== inner.$$exists) fail(`field ${key} existence`);
        continue;
      }
      if (isPlainDocument(inner) && '$$unsetOrMatches' in inner && actualDoc[key] === undefined) continue;
      if (!(key in actualDoc)) fail(`missing field ${key}`);
      assertMatches(inner, actualDoc[key], entities, `${path}.${key}`, false);
    }
    if (!isRoot) for (const key of Object.keys(actualDoc)) if (!(key in expected)) fail(`unexpected field ${key}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) fail('not an array');
    if ((actual as unknown[]).length !== expected.length)
      fail(`length ${(actual as unknown[]).length} ≠ ${expected.length}`);
    // Documents of a root-level array (a find's results) are root documents too.
    expected.forEach((item, i) => assertMatches(item, (actual as unknown[])[i], entities, `${path}[${i}]`, isRoot));
    return;
  }
  const expectedNumber = asNumber(expected);
  if (expectedNumber !== undefined) {
    if (asNumber(actual) !== expectedNumber) fail('numbers differ');
    return;
  }
  if (expected instanceof Binary || (expected as { _bsontype?: string } | null)?._bsontype) {
    if (EJSON.stringify({ v: expected } as Document) !== EJSON.stringify({ v: actual } as Document))
      fail('values differ');
    return;
  }
  if (expected instanceof Date) {
    if (!(actual instanceof Date) || actual.getTime() !== expected.getTime()) fail('dates differ');
    return;
  }
  if (expected !== actual) fail('values differ');
}

function special(
  operator: string,
  operand: unknown,
  actual: unknown,
  entities: EntityLookup,
  path: string,
  isRoot: boolean,
  fail: (why: string) => never,
): void {
  switch (operator) {
    case '$$exists':
      if ((actual !== undefined) !== operand) fail('existence');
      return;
    case '$$type': {
      const wanted = Array.isArray(operand) ? operand : [operand];
      if (!bsonTypeName(actual).some((name) => wanted.includes(name))) fail(`type ${bsonTypeName(actual).join('|')}`);
      return;
    }
    case '$$unsetOrMatches':
      if (actual !== undefined) assertMatches(operand, actual, entities, path, isRoot);
      return;
    case '$$matchesEntity':
      assertMatches(entities(operand as string), actual, entities, path, isRoot);
      return;
    case '$$sessionLsid':
      assertMatches(entities(`lsid:${operand as string}`), actual, entities, path, false);
      return;
    case '$$lte':
      if ((asNumber(actual) ?? NaN) > (asNumber(operand) ?? NaN) || asNumber(actual) === undefined) fail('not ≤');
      return;
    case '$$matchAsDocument':
      assertMatches(operand, EJSON.parse(String(actual), { relaxed: false }), entities, path, false);
      return;
    case '$$matchAsRoot':
      assertMatches(operand, actual, entities, path, true);
      return;
    default:
      throw new UnsupportedError(`matcher ${operator}`);
  }
}

function safe(value: unknown): string {
  try {
    return EJSON.stringify({ v: value } as Document).slice(0, 300);
  } catch {
    return String(value);
  }
}

/** A feature of the format this runner does not implement: the test is counted as skipped. */
export class UnsupportedError extends Error {}
