// MongoDB 7.0's rules for what a transaction may do and what others see of it.
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
  await db.createCollection('existing');
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await mongo.stop();
});

const names = async () => (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);

describe('transactions as 7.0', () => {
  it('refuses count with OperationNotSupportedInTransaction', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      const error = await db.command({ count: 'existing', query: {} }, { session }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect((error as MongoServerError).codeName).toBe('OperationNotSupportedInTransaction');
      expect((error as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(false);
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
  });

  it('keeps a collection and its index created in a transaction invisible to others until commit', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      await db.createCollection('made-in-txn', { session });
      await db.collection('made-in-txn').createIndex({ code: 1 }, { unique: true, session });
      await db.collection('made-in-txn').insertOne({ code: 'a' }, { session });
      expect(await names()).not.toContain('made-in-txn');
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await names()).toContain('made-in-txn');
    const indexes = await db.collection('made-in-txn').indexes();
    expect(indexes.map((index) => index.name)).toContain('code_1');
    await expect(db.collection('made-in-txn').insertOne({ code: 'a' })).rejects.toMatchObject({ code: 11000 });
  });

  it('drops the collections an aborted transaction created', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      await db.createCollection('aborted-txn', { session });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await names()).not.toContain('aborted-txn');
  });

  it('refuses a new index on an existing collection inside a transaction', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      const error = await db
        .collection('existing')
        .createIndex({ x: 1 }, { session })
        .catch((e: unknown) => e);
      expect((error as MongoServerError).codeName).toBe('OperationNotSupportedInTransaction');
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
  });

  it('aborts the transactions of killed sessions (killSessions, killAllSessions)', async () => {
    for (const kill of [
      (id: unknown) => client.db('admin').command({ killSessions: [id] }),
      () => client.db('admin').command({ killAllSessions: [] }),
    ]) {
      const session = client.startSession();
      try {
        session.startTransaction();
        await db.collection('existing').insertOne({ killed: true }, { session });
        await kill(session.id);
        const error = await session.commitTransaction().catch((e: unknown) => e);
        expect((error as MongoServerError).codeName).toBe('NoSuchTransaction');
      } finally {
        await session.endSession();
      }
    }
    expect(await db.collection('existing').countDocuments({ killed: true })).toBe(0);
  });
});
