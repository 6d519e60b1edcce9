import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Db, MongoClient, MongoServerError } from 'mongodb';
import { startTestMongo, type TestMongo } from './support/test-mongo.js';

let mongo: TestMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  mongo = await startTestMongo();
  client = await MongoClient.connect(mongo.uri);
  db = client.db(mongo.dbName);
  for (const name of ['accounts', 'ledger', 'counters', 'uniq']) await db.createCollection(name);
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await mongo.stop();
});

describe('multi-document transactions', () => {
  it('commits several writes together; others see them only after commit', async () => {
    const accounts = db.collection('accounts');
    const ledger = db.collection('ledger');
    await accounts.insertOne({ _id: 'a', balance: 100 } as never);
    const session = client.startSession();
    try {
      session.startTransaction();
      await accounts.updateOne({ _id: 'a' } as never, { $inc: { balance: -30 } }, { session });
      await ledger.insertOne({ account: 'a', delta: -30 }, { session });
      // Inside: sees its own writes.
      expect((await accounts.findOne({ _id: 'a' } as never, { session }))!.balance).toBe(70);
      expect(await ledger.countDocuments({}, { session })).toBe(1);
      // Outside: still the committed state.
      expect((await accounts.findOne({ _id: 'a' } as never))!.balance).toBe(100);
      expect(await ledger.countDocuments()).toBe(0);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect((await accounts.findOne({ _id: 'a' } as never))!.balance).toBe(70);
    expect(await ledger.countDocuments()).toBe(1);
  });

  it('discards everything on abort', async () => {
    const accounts = db.collection('accounts');
    await accounts.insertOne({ _id: 'b', balance: 5 } as never);
    const session = client.startSession();
    session.startTransaction();
    await accounts.updateOne({ _id: 'b' } as never, { $set: { balance: 0 } }, { session });
    await accounts.insertOne({ _id: 'ghost' } as never, { session });
    await accounts.deleteOne({ _id: 'b' } as never, { session });
    await session.abortTransaction();
    await session.endSession();
    expect(await accounts.findOne({ _id: 'b' } as never)).toEqual({ _id: 'b', balance: 5 });
    expect(await accounts.findOne({ _id: 'ghost' } as never)).toBeNull();
  });

  it('gives the second writer of a document WriteConflict (112) labelled TransientTransactionError', async () => {
    const counters = db.collection('counters');
    await counters.insertOne({ _id: 'wc', n: 0 } as never);
    const first = client.startSession();
    const second = client.startSession();
    try {
      first.startTransaction();
      second.startTransaction();
      await counters.updateOne({ _id: 'wc' } as never, { $inc: { n: 1 } }, { session: first });
      const err = await counters
        .updateOne({ _id: 'wc' } as never, { $inc: { n: 1 } }, { session: second })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MongoServerError);
      expect((err as MongoServerError).code).toBe(112);
      expect((err as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
      await first.commitTransaction();
      await second.abortTransaction().catch(() => undefined);
    } finally {
      await first.endSession();
      await second.endSession();
    }
    expect((await counters.findOne({ _id: 'wc' } as never))!.n).toBe(1);
  });

  it('answers NoSuchTransaction (251) for a transaction the server does not know', async () => {
    const session = client.startSession();
    const lsid = session.id!;
    const err = await db
      .command({ find: 'counters', filter: {}, lsid, txnNumber: 424242, autocommit: false })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 251 });
    expect((err as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
    await session.endSession();
  });

  it('ends 20 concurrent conflicting increments at exactly 20 via withTransaction retries', async () => {
    const counters = db.collection('counters');
    await counters.insertOne({ _id: 'race', n: 0 } as never);
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const session = client.startSession();
        try {
          await session.withTransaction(async () => {
            const doc = await counters.findOne({ _id: 'race' } as never, { session });
            await counters.updateOne({ _id: 'race' } as never, { $set: { n: doc!.n + 1 } }, { session });
          });
        } finally {
          await session.endSession();
        }
      }),
    );
    expect((await counters.findOne({ _id: 'race' } as never))!.n).toBe(20);
  });

  it('makes a non-transactional write to a locked document wait for the transaction', async () => {
    const counters = db.collection('counters');
    await counters.insertOne({ _id: 'wait', n: 0 } as never);
    const session = client.startSession();
    session.startTransaction();
    await counters.updateOne({ _id: 'wait' } as never, { $inc: { n: 10 } }, { session });
    const outside = counters.updateOne({ _id: 'wait' } as never, { $inc: { n: 1 } });
    await new Promise((r) => setTimeout(r, 20));
    await session.commitTransaction();
    await outside;
    await session.endSession();
    expect((await counters.findOne({ _id: 'wait' } as never))!.n).toBe(11);
  });

  it('enforces unique indexes for writes inside a transaction', async () => {
    const uniq = db.collection('uniq');
    await uniq.createIndex({ k: 1 }, { unique: true });
    await uniq.insertOne({ k: 'taken' });
    const session = client.startSession();
    session.startTransaction();
    await uniq.insertOne({ k: 'mine' }, { session });
    const dup = await uniq.insertOne({ k: 'mine' }, { session }).catch((e: unknown) => e);
    expect(dup).toMatchObject({ code: 11000 });
    await session.abortTransaction().catch(() => undefined);
    await session.endSession();
    expect(await uniq.countDocuments({ k: 'mine' })).toBe(0);
  });
});
