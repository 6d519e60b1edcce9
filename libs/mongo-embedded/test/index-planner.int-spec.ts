// Property test: whatever index the planner picks (or a hint forces), a query returns what a
// collection scan returns — same documents, same sort order — on random data mixing types,
// missing fields, null and arrays (multikey). Runs against MongoDB too (MONGO_CONFORMANCE_URI).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type Collection, type Document, ObjectId } from 'mongodb';
import { compareValues } from '../src/storage/bson-order.js';
import { sortKey } from '../src/query/sort.js';
import { conformanceTarget, type ConformanceTarget } from './conformance-target.js';

const OIDS = [new ObjectId('5f0000000000000000000001'), new ObjectId('5f0000000000000000000002')];
const SCALARS: unknown[] = [
  -2,
  -1,
  0,
  1,
  1.5,
  2,
  3,
  'a',
  'b',
  'B',
  '',
  null,
  true,
  false,
  new Date(0),
  new Date(5000),
  ...OIDS,
];
const scalar = fc.constantFrom(...SCALARS);
const FIELDS = ['a', 'b', 'c', 'n.x'] as const;
const INDEXES: [string, Document][] = [
  ['a_1', { a: 1 }],
  ['b_-1', { b: -1 }],
  ['a_1_b_-1', { a: 1, b: -1 }],
  ['c_1_a_1', { c: 1, a: 1 }],
  ['n.x_1', { 'n.x': 1 }],
];

// Only `a` holds arrays: MongoDB refuses compound keys over two array fields (parallel arrays).
const docArb = fc.record(
  {
    a: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })),
    b: scalar,
    c: scalar,
    n: fc.record({ x: scalar }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const conditionArb = fc.oneof(
  scalar,
  scalar.map((v) => ({ $eq: v })),
  fc.array(scalar, { minLength: 1, maxLength: 3 }).map((vs) => ({ $in: vs })),
  fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), scalar).map(([op, v]) => ({ [op]: v })),
  fc
    .tuple(fc.constantFrom('$gt', '$gte'), scalar, fc.constantFrom('$lt', '$lte'), scalar)
    .map(([lo, a, hi, b]) => ({ [lo]: a, [hi]: b })),
);
const clauseArb = fc.tuple(fc.constantFrom(...FIELDS), conditionArb).map(([f, c]) => ({ [f]: c }) as Document);
const filterArb = fc.oneof(
  fc.constant({} as Document),
  clauseArb,
  fc.tuple(clauseArb, clauseArb).map(([x, y]) => ({ $and: [x, y] })),
);
const sortArb = fc.option(
  fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'n.x'), fc.constantFrom(1, -1)), {
    minLength: 1,
    maxLength: 2,
    selector: ([f]) => f,
  }),
  { nil: undefined },
);
const queryArb = fc.record({
  filter: filterArb,
  sort: sortArb.map((pairs) => (pairs ? Object.fromEntries(pairs) : undefined)),
  limit: fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
  skip: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  hint: fc.option(fc.constantFrom(...INDEXES.map(([name]) => name)), { nil: undefined }),
});
type NumberedDoc = { _id: number; [field: string]: unknown };
type Query = typeof queryArb extends fc.Arbitrary<infer T> ? T : never;

describe('indexed queries return what a collection scan returns', () => {
  let t: ConformanceTarget;
  let plain: Collection<NumberedDoc>;
  let indexed: Collection<NumberedDoc>;

  beforeAll(async () => {
    t = await conformanceTarget();
    plain = t.db.collection<NumberedDoc>('plain');
    indexed = t.db.collection<NumberedDoc>('indexed');
    const docs = fc.sample(docArb, { numRuns: 300, seed: 42 }).map((doc, i) => ({ _id: i, ...doc }));
    await plain.insertMany(docs.map((d) => ({ ...d })));
    await indexed.insertMany(docs.map((d) => ({ ...d })));
    for (const [name, key] of INDEXES) await indexed.createIndex(key, { name });
  });
  afterAll(async () => {
    await t.close();
  });

  const run = (c: Collection<NumberedDoc>, q: Query, withHint: boolean) => {
    let cursor = c.find(q.filter, withHint && q.hint ? { hint: q.hint } : {});
    if (q.sort) cursor = cursor.sort(q.sort);
    if (q.skip) cursor = cursor.skip(q.skip);
    if (q.limit) cursor = cursor.limit(q.limit);
    return cursor.toArray();
  };

  const keysOf = (docs: Document[], sort: Document) =>
    docs.map((doc) => Object.entries(sort).map(([field, direction]) => sortKey(doc, field, Number(direction))));

  it('for random filters, sorts, limits and hints', async () => {
    await fc.assert(
      fc.asyncProperty(queryArb, async (q) => {
        const expected = await run(plain, q, false);
        const actual = await run(indexed, q, true);
        expect(actual.length).toBe(expected.length);
        if (q.sort) {
          const [a, e] = [keysOf(actual, q.sort), keysOf(expected, q.sort)];
          a.forEach((keys, i) => keys.forEach((key, k) => expect(compareValues(key, e[i][k])).toBe(0)));
        }
        if (!q.limit && !q.skip) {
          const ids = (docs: Document[]) => docs.map((d) => d._id as number).sort((x, y) => x - y);
          expect(ids(actual)).toEqual(ids(expected));
        } else {
          const all = new Set((await plain.find(q.filter).toArray()).map((d) => d._id));
          for (const doc of actual) expect(all.has(doc._id)).toBe(true);
        }
      }),
      { numRuns: 250, seed: 7 },
    );
  }, 120_000);
});
