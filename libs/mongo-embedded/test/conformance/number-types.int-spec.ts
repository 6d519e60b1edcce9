// BSON number types survive insert, update, find and aggregate (int32, int64, double, Decimal128),
// while filters and sorts compare numbers by value across types, as MongoDB does.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Collection, Decimal128, Double, Int32, Long, MongoClient, MongoServerError } from 'mongodb';
import { startTestMongo, type TestMongo } from './support/test-mongo.js';

type Doc = { _id: string; [field: string]: unknown };
const RAW = { promoteValues: false, promoteLongs: false } as const;
let mongo: TestMongo;
let client: MongoClient;
let c: Collection<Doc>;

beforeAll(async () => {
  mongo = await startTestMongo();
  client = await MongoClient.connect(mongo.uri);
  c = client.db(mongo.dbName).collection<Doc>('numbers');
});

afterAll(async () => {
  await client.db(mongo.dbName).dropDatabase();
  await client.close();
  await mongo.stop();
});

const typeOf = (value: unknown) => (value as { _bsontype?: string })._bsontype;

describe('number types', () => {
  it('round-trips int32, int64, integral and fractional doubles and Decimal128 with their types', async () => {
    await c.insertOne({
      _id: 'all',
      i: 1,
      l: Long.fromNumber(2),
      d: new Double(3),
      f: 2.5,
      dec: Decimal128.fromString('4.50'),
      nested: { list: [Long.fromNumber(7), new Double(8)] },
    });
    const doc = (await c.findOne({ _id: 'all' }, RAW))!;
    expect([typeOf(doc.i), typeOf(doc.l), typeOf(doc.d), typeOf(doc.f), typeOf(doc.dec)]).toEqual([
      'Int32',
      'Long',
      'Double',
      'Double',
      'Decimal128',
    ]);
    expect(String(doc.dec)).toBe('4.50');
    const list = (doc.nested as { list: unknown[] }).list;
    expect(list.map(typeOf)).toEqual(['Long', 'Double']);
    const aggregated = (await c.aggregate<Doc>([{ $match: { _id: 'all' } }], RAW).toArray())[0]!;
    expect([typeOf(aggregated.l), typeOf(aggregated.d)]).toEqual(['Long', 'Double']);
    const [reshaped] = await c
      .aggregate<Doc>([{ $match: { _id: 'all' } }, { $addFields: { sum: { $add: ['$i', '$l'] } } }], RAW)
      .toArray();
    expect([typeOf(reshaped!.l), typeOf(reshaped!.d), Number(reshaped!.sum)]).toEqual(['Long', 'Double', 3]);
    await c.updateOne({ _id: 'all' }, [{ $set: { total: { $add: ['$i', '$l'] } } }]);
    const updated = (await c.findOne({ _id: 'all' }, RAW))!;
    expect([typeOf(updated.l), typeOf(updated.d), Number(updated.total)]).toEqual(['Long', 'Double', 3]);
  });

  it('compares numbers by value whatever their types, in filters and in sorts', async () => {
    await c.insertMany([
      { _id: 'v-long', v: Long.fromNumber(5) },
      { _id: 'v-int', v: 1 },
      { _id: 'v-double', v: new Double(3) },
      { _id: 'v-decimal', v: Decimal128.fromString('2.5') },
    ]);
    const ids = async (filter: object) => (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ v: 5 })).toEqual(['v-long']);
    expect(await ids({ v: Long.fromNumber(3) })).toEqual(['v-double']);
    expect(await ids({ v: { $gt: 2 } })).toEqual(['v-decimal', 'v-double', 'v-long']);
    expect(await ids({ v: { $lte: new Double(2.5) } })).toEqual(['v-decimal', 'v-int']);
    for (const hint of [{ $natural: 1 }, undefined]) {
      if (!hint) await c.createIndex({ v: 1 });
      const sorted = await c
        .find({ v: { $exists: true } }, hint ? { hint } : {})
        .sort({ v: 1 })
        .toArray();
      expect(sorted.map((d) => d._id)).toEqual(['v-int', 'v-decimal', 'v-double', 'v-long']);
    }
    expect(await c.distinct('v', { _id: { $in: ['v-long', 'v-int'] } })).toHaveLength(2);
  });

  it('keeps the type through $inc and $mul: int32 stays int32, overflows to int64; the wider type wins', async () => {
    await c.insertOne({ _id: 'inc', i: 1, big: 2147483000, l: Long.fromNumber(10), d: new Double(1) });
    await c.updateOne({ _id: 'inc' }, {
      $inc: { i: 1, big: 1000, l: 1, d: 1, fresh: Long.fromNumber(1) },
      $mul: { zero: new Double(2) },
    } as never);
    const doc = (await c.findOne({ _id: 'inc' }, RAW))!;
    expect(doc.i).toEqual(new Int32(2));
    expect(typeOf(doc.big)).toBe('Long');
    expect(String(doc.big)).toBe('2147484000');
    expect(doc.l).toEqual(Long.fromNumber(11));
    expect(doc.d).toEqual(new Double(2));
    expect(doc.fresh).toEqual(Long.fromNumber(1));
    expect(doc.zero).toEqual(new Double(0));
    await c.updateOne({ _id: 'inc' }, { $inc: { i: 0.5 }, $mul: { l: 2 } } as never);
    const again = (await c.findOne({ _id: 'inc' }, RAW))!;
    expect(again.i).toEqual(new Double(2.5));
    expect(again.l).toEqual(Long.fromNumber(22));
  });

  it('fails an int64 overflow and leaves the document as it was', async () => {
    await c.insertOne({ _id: 'max', l: Long.MAX_VALUE });
    const error = await c.updateOne({ _id: 'max' }, { $inc: { l: 1 } } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((await c.findOne({ _id: 'max' }, RAW))!.l).toEqual(Long.MAX_VALUE);
  });

  it('$min and $max compare by value and store the winner with its own type', async () => {
    await c.insertOne({ _id: 'minmax', low: 5, high: 5 });
    await c.updateOne({ _id: 'minmax' }, { $min: { low: Long.fromNumber(3) }, $max: { high: new Double(4) } });
    const doc = (await c.findOne({ _id: 'minmax' }, RAW))!;
    expect(doc.low).toEqual(Long.fromNumber(3));
    expect(doc.high).toEqual(new Int32(5));
  });

  it('aggregates numerically across types', async () => {
    const [sum] = await c
      .aggregate<{ total: number }>([
        { $match: { _id: { $in: ['v-long', 'v-int', 'v-double', 'v-decimal'] } } },
        { $group: { _id: null, total: { $sum: '$v' } } },
      ])
      .toArray();
    expect(Number(sum!.total)).toBe(11.5);
  });
});
