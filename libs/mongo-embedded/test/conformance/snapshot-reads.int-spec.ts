// Snapshot reads: a transaction reads the data as of its first read plus its own writes, never
// what other writers commit meanwhile ("readConcern snapshot" is what a transaction gets).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Collection, MongoClient, MongoServerError } from 'mongodb';
import { startTestMongo, type TestMongo } from './support/test-mongo.js';

type Item = { _id: string; n: number; tag?: string };
let mongo: TestMongo;
let client: MongoClient;
let items: Collection<Item>;

beforeAll(async () => {
  mongo = await startTestMongo();
  client = await MongoClient.connect(mongo.uri);
  items = client.db(mongo.dbName).collection<Item>('items');
  await items.createIndex({ n: 1 });
});

afterAll(async () => {
  await client.db(mongo.dbName).dropDatabase();
  await client.close();
  await mongo.stop();
});

describe('snapshot reads inside a transaction', () => {
  it('sees neither updates, inserts nor deletes committed by others after its first read, but sees its own', async () => {
    await items.insertMany([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
      { _id: 'c', n: 3 },
    ]);
    const session = client.startSession();
    try {
      session.startTransaction();
      expect(await items.countDocuments({}, { session })).toBe(3); // the snapshot starts here
      await items.updateOne({ _id: 'a' }, { $set: { n: 10 } });
      await items.insertOne({ _id: 'd', n: 4 });
      await items.deleteOne({ _id: 'b' });
      await items.insertOne({ _id: 'mine', n: 5 }, { session });

      expect(await items.findOne({ _id: 'a' }, { session })).toEqual({ _id: 'a', n: 1 });
      expect(await items.findOne({ _id: 'd' }, { session })).toBeNull();
      const seen = await items.find({}, { session }).sort({ n: 1 }).toArray();
      expect(seen.map((d) => d._id)).toEqual(['a', 'b', 'c', 'mine']);
      // Through the index too: n >= 2 was b, c (and ours), not a's new 10 nor d's 4.
      expect(
        (
          await items
            .find({ n: { $gte: 2 } }, { session })
            .sort({ n: 1 })
            .toArray()
        ).map((d) => d._id),
      ).toEqual(['b', 'c', 'mine']);
      const grouped = await items.aggregate([{ $group: { _id: null, total: { $sum: '$n' } } }], { session }).toArray();
      expect(grouped[0]!.total).toBe(1 + 2 + 3 + 5);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    // After commit everyone sees both the others' writes and the transaction's.
    expect((await items.find({}).sort({ n: 1 }).toArray()).map((d) => d._id)).toEqual(['c', 'd', 'mine', 'a']);
  });

  it('still fails with WriteConflict when writing a document another writer changed after the snapshot', async () => {
    await items.insertOne({ _id: 'w', n: 100 });
    const session = client.startSession();
    try {
      session.startTransaction();
      expect((await items.findOne({ _id: 'w' }, { session }))!.n).toBe(100);
      await items.updateOne({ _id: 'w' }, { $inc: { n: 1 } });
      const error = await items.updateOne({ _id: 'w' }, { $inc: { n: 1 } }, { session }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect((error as MongoServerError).code).toBe(112);
      expect((error as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
    expect((await items.findOne({ _id: 'w' }))!.n).toBe(101);
  });

  it('retried with withTransaction, a read-modify-write ends with every increment applied once', async () => {
    await items.insertOne({ _id: 'counter', n: 0 });
    const increment = async () => {
      const session = client.startSession();
      try {
        await session.withTransaction(async () => {
          const current = await items.findOne({ _id: 'counter' }, { session });
          await items.updateOne({ _id: 'counter' }, { $set: { n: current!.n + 1 } }, { session });
        });
      } finally {
        await session.endSession();
      }
    };
    await Promise.all(Array.from({ length: 8 }, increment));
    expect((await items.findOne({ _id: 'counter' }))!.n).toBe(8);
  });
});

describe('snapshot read concern outside a transaction', () => {
  it('is refused on writes and listings with InvalidOptions, as mongod (only find, aggregate and distinct take it)', async () => {
    const db = client.db(mongo.dbName);
    const attempts = [
      { insert: 'items', documents: [{ _id: 'snap', n: 0 }] },
      { update: 'items', updates: [{ q: {}, u: { $set: { n: 1 } } }] },
      { delete: 'items', deletes: [{ q: {}, limit: 1 }] },
      { findAndModify: 'items', query: {}, update: { $set: { n: 1 } } },
      { listCollections: 1 },
      { listIndexes: 'items' },
    ];
    for (const command of attempts) {
      const error = await db.command({ ...command, readConcern: { level: 'snapshot' } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect(error).toMatchObject({ code: 72, codeName: 'InvalidOptions' });
    }
    expect(await items.countDocuments({ _id: 'snap' })).toBe(0);
  });
});
