// Index keys on disk compare as bytes: their encoding must sort exactly as MongoDB's order
// (compareValues), per field direction, with the scan sentinels and type edges outside values.
import { describe, expect, it } from '@jest/globals';
import { Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import fc from 'fast-check';
import { compareValues, EMPTY_ARRAY_KEY, KEY_MAX, KEY_MIN, Rank } from '../src/storage/bson-order.js';
import { encodeTuple, MAX_STRING_BYTES } from '../src/storage/key-encoding.js';
import { BracketEdge, compareBound } from '../src/storage/sorted-keys.js';

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const bytes = (value: unknown, direction = 1) => encodeTuple([value], [direction]).bytes;

const scalar = fc.oneof(
  fc.constant(null),
  fc.double(),
  fc.integer().map((n) => new Int32(n | 0)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => Long.fromBigInt(n)),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((n) => new Double(n)),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 4 }).map((b) => new Binary(Buffer.from(b))),
  fc.uint8Array({ minLength: 12, maxLength: 12 }).map((b) => new ObjectId(Buffer.from(b))),
  fc.tuple(fc.nat(), fc.nat()).map(([t, i]) => new Timestamp({ t, i })),
  fc.constant(new MinKey()),
  fc.constant(new MaxKey()),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 }),
})).value;

describe('index key encoding', () => {
  it('sorts values as MongoDB compares them, ascending and descending', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const expected = sign(compareValues(a, b));
        expect(sign(Buffer.compare(bytes(a), bytes(b)))).toBe(expected);
        expect(sign(Buffer.compare(bytes(a, -1), bytes(b, -1)))).toBe(expected === 0 ? 0 : -expected);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('keeps number types apart from their values: 1, 1.0, Long(1) and Decimal128 1 are one key', () => {
    const one = [1, new Double(1), Long.fromNumber(1), new Int32(1), Decimal128.fromString('1')].map((v) => bytes(v));
    for (const other of one) expect(other.equals(one[0])).toBe(true);
    // Longs beyond 2^53 keep their order though they share a double.
    expect(Buffer.compare(bytes(Long.fromString('9007199254740993')), bytes(Long.fromString('9007199254740992')))).toBe(
      1,
    );
    expect(Buffer.compare(bytes(NaN), bytes(-Infinity))).toBe(-1);
    expect(bytes(-0).equals(bytes(0))).toBe(true);
  });

  it('puts sentinels, type edges and the empty array where the in-memory order puts them', () => {
    const samples: unknown[] = [KEY_MIN, KEY_MAX, EMPTY_ARRAY_KEY, null, 5, 'x', [1], { a: 1 }, true, new Date(0)];
    for (const rank of [Rank.Number, Rank.String, Rank.Date])
      samples.push(new BracketEdge(rank, 'start'), new BracketEdge(rank, 'end'));
    for (const a of samples)
      for (const b of samples) expect(sign(Buffer.compare(bytes(a), bytes(b)))).toBe(sign(compareBound(a, b)));
    // Sentinels bound descending fields from outside too.
    expect(Buffer.compare(bytes(KEY_MIN, -1), bytes(new MaxKey(), -1))).toBe(-1);
    expect(Buffer.compare(bytes(KEY_MAX, -1), bytes(new MinKey(), -1))).toBe(1);
  });

  it('cuts long strings, says so, and sorts them after the shorter string of the same prefix', () => {
    const prefix = 'p'.repeat(MAX_STRING_BYTES);
    const long = encodeTuple([`${prefix}zzz`], [1]);
    expect(long.isLossy).toBe(true);
    expect(encodeTuple([prefix], [1]).isLossy).toBe(false);
    expect(Buffer.compare(long.bytes, bytes(prefix))).toBe(1);
    expect(Buffer.compare(long.bytes, bytes(`${prefix.slice(1)}q`))).toBe(-1);
    // Strings with NUL characters keep their order.
    expect(Buffer.compare(bytes('a'), bytes('a\u0000'))).toBe(-1);
    expect(Buffer.compare(bytes('a\u0000'), bytes('a\u0001'))).toBe(-1);
  });
});
