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

/** Decimal128s near doubles and int64s (where rounding would hide a difference), and anywhere. */
function decimal() {
  const digits = fc.bigInt({ min: -(10n ** 34n) + 1n, max: 10n ** 34n - 1n });
  return fc.oneof(
    fc.tuple(digits, fc.integer({ min: -40, max: 40 })).map(([c, q]) => Decimal128.fromString(`${c}E${q}`)),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => Decimal128.fromString(d.toPrecision(17))),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => Decimal128.fromString(d.toPrecision(8))),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => Decimal128.fromString(n.toString())),
    fc.constantFrom('NaN', 'Infinity', '-Infinity', '-0', '1E+6000', '-1E-6000').map((t) => Decimal128.fromString(t)),
  );
}

const scalar = fc.oneof(
  fc.constant(null),
  fc.double(),
  fc.integer().map((n) => new Int32(n | 0)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => Long.fromBigInt(n)),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((n) => new Double(n)),
  decimal(),
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

  it('orders and equates Decimal128, double and int64 by exact value, as MongoDB does', () => {
    const dec = (text: string) => Decimal128.fromString(text);
    const order = (a: unknown, b: unknown) => sign(Buffer.compare(bytes(a), bytes(b)));
    // 0.1 as a double is 0.10000000000000000555111512312578270…: above the decimal 0.1, below …579.
    expect(order(dec('0.1'), 0.1)).toBe(-1);
    expect(order(dec('0.10000000000000000555111512312579'), 0.1)).toBe(1);
    expect(order(dec('-0.1'), -0.1)).toBe(1);
    expect(order(dec('0.5'), 0.5)).toBe(0);
    expect(order(dec('1.10'), dec('1.1'))).toBe(0);
    // Beyond 2^53: the decimal and the int64 of one value are one key, the double next to them is not.
    expect(order(dec('9007199254740993'), Long.fromString('9007199254740993'))).toBe(0);
    expect(order(dec('9007199254740993'), 2 ** 53)).toBe(1);
    expect(order(dec('9007199254740993'), dec('9007199254740993.5'))).toBe(-1);
    expect(order(Long.fromString('4611686018427387904'), 2 ** 62)).toBe(0);
    // Past the doubles' range, and their infinities.
    expect(order(dec('1E+400'), Number.MAX_VALUE)).toBe(1);
    expect(order(dec('1E+400'), Infinity)).toBe(-1);
    expect(order(dec('Infinity'), Infinity)).toBe(0);
    expect(order(dec('-1E-400'), 0)).toBe(-1);
    expect(order(dec('-1E-400'), -Number.MIN_VALUE)).toBe(1);
    expect(order(dec('NaN'), NaN)).toBe(0);
    // compareValues (sorts, the in-memory indexes of transactions) agrees.
    expect(sign(compareValues(dec('0.1'), 0.1))).toBe(-1);
    expect(sign(compareValues(dec('9007199254740993'), Long.fromString('9007199254740993')))).toBe(0);
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

  it('cuts long strings, says so, where, and sorts them after the shorter string of the same prefix', () => {
    const prefix = 'p'.repeat(MAX_STRING_BYTES);
    const long = encodeTuple([`${prefix}zzz`], [1]);
    expect(long.isLossy).toBe(true);
    expect(long.cutEnd).toBe(1 + MAX_STRING_BYTES + 2); // tag, prefix, end marker
    expect(encodeTuple([prefix], [1]).isLossy).toBe(false);
    expect(Buffer.compare(long.bytes, bytes(prefix))).toBe(1);
    expect(Buffer.compare(long.bytes, bytes(`${prefix.slice(1)}q`))).toBe(-1);
    // Strings with NUL characters keep their order.
    expect(Buffer.compare(bytes('a'), bytes('a\u0000'))).toBe(-1);
    expect(Buffer.compare(bytes('a\u0000'), bytes('a\u0001'))).toBe(-1);
  });
});
