// Index keys are exact: strings that differ only after the part a key keeps (400 bytes), and
// numbers of different types that differ only beyond a double's precision, sort and match
// through an index as MongoDB orders and compares them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Decimal128, Long } from 'mongodb';
import { MAX_STRING_BYTES } from '../src/storage/key-encoding.js';
import { conformanceTarget, type ConformanceTarget } from './conformance-target.js';

describe('exact index keys', () => {
  let t: ConformanceTarget;
  beforeAll(async () => {
    t = await conformanceTarget();
  });
  afterAll(async () => {
    await t.close();
  });

  const prefix = 'x'.repeat(MAX_STRING_BYTES + 20);
  // Inserted out of order; the tails differ only after the kept part of the key.
  const tails = ['m', 'c', 'z', 'a', 'mm', 'b'];

  it('sorts and matches strings that differ only after the first 400 bytes, through the index, both ways', async () => {
    const docs = t.db.collection<{ _id: number; s: string; n: number }>('long_strings');
    await docs.createIndex({ s: 1, n: -1 });
    await docs.insertMany(tails.flatMap((tail, i) => [0, 1].map((n) => ({ _id: i * 2 + n, s: prefix + tail, n }))));
    await docs.insertOne({ _id: 100, s: prefix, n: 0 }); // the bare prefix sorts first
    const sorted = (direction: 1 | -1) =>
      docs
        .find({ s: { $gte: prefix } }, { hint: 's_1_n_-1' })
        .sort({ s: direction, n: direction === 1 ? -1 : 1 })
        .toArray();
    const expected = [prefix, ...[...tails].sort().map((tail) => prefix + tail)].flatMap((s) =>
      s === prefix
        ? [[s, 0]]
        : [
            [s, 1],
            [s, 0],
          ],
    );
    expect((await sorted(1)).map((d) => [d.s, d.n])).toEqual(expected);
    expect((await sorted(-1)).map((d) => [d.s, d.n])).toEqual([...expected].reverse());
    expect(await docs.countDocuments({ s: prefix + 'm' }, { hint: 's_1_n_-1' })).toBe(2);
    expect(await docs.countDocuments({ s: { $gt: prefix + 'b', $lt: prefix + 'mm' } }, { hint: 's_1_n_-1' })).toBe(4);
  });

  it('keeps a unique index on long strings exact: a tail after the first 400 bytes makes another key', async () => {
    const docs = t.db.collection<{ _id: number; s: string }>('long_unique');
    await docs.createIndex({ s: 1 }, { unique: true });
    await docs.insertOne({ _id: 1, s: prefix + 'a' });
    await docs.insertOne({ _id: 2, s: prefix + 'b' });
    await expect(docs.insertOne({ _id: 3, s: prefix + 'a' })).rejects.toMatchObject({ code: 11000 });
  });

  it('orders and equates Decimal128, double and int64 in an index by exact value, as MongoDB', async () => {
    const docs = t.db.collection<{ _id: string; v: unknown }>('exact_numbers');
    await docs.createIndex({ v: 1 });
    const values: [string, unknown][] = [
      ['dec 0.1', Decimal128.fromString('0.1')],
      ['double 0.1', 0.1],
      ['dec 0.1000000000000000055511151231257828', Decimal128.fromString('0.1000000000000000055511151231257828')],
      ['double 2^53', 2 ** 53],
      ['long 2^53+1', Long.fromString('9007199254740993')],
      ['dec 2^53+1', Decimal128.fromString('9007199254740993')],
      ['dec 2^53+0.5', Decimal128.fromString('9007199254740992.5')],
      ['dec 1.10', Decimal128.fromString('1.10')],
      ['double 1.1', 1.1],
      ['int 1', 1],
    ];
    await docs.insertMany(values.map(([_id, v]) => ({ _id, v })));
    const order = (await docs.find({}, { hint: 'v_1' }).sort({ v: 1, _id: 1 }).toArray()).map((d) => d._id);
    expect(order).toEqual([
      'dec 0.1',
      'double 0.1',
      'dec 0.1000000000000000055511151231257828',
      'int 1',
      'dec 1.10',
      'double 1.1',
      'double 2^53',
      'dec 2^53+0.5',
      'dec 2^53+1',
      'long 2^53+1',
    ]);
    const matching = async (v: unknown) =>
      (await docs.find({ v }, { hint: 'v_1' }).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await matching(Decimal128.fromString('0.1'))).toEqual(['dec 0.1']);
    expect(await matching(Long.fromString('9007199254740993'))).toEqual(['dec 2^53+1', 'long 2^53+1']);
    expect(await matching(2 ** 53)).toEqual(['double 2^53']);
  });
});
