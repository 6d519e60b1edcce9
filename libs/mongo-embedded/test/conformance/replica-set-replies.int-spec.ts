// What a driver reads off every reply of a one-member replica set: cluster time, operation
// time, write concern outcomes; and 7.0's validation of what it is sent.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Db,
  MongoClient,
  MongoServerError,
  MongoWriteConcernError,
  Timestamp,
} from 'mongodb';
import { startTestMongo, type TestMongo } from './support/test-mongo.js';

let mongo: TestMongo;
let client: MongoClient;
let db: Db;
const started: CommandStartedEvent[] = [];
const succeeded: CommandSucceededEvent[] = [];

beforeAll(async () => {
  mongo = await startTestMongo();
  client = await MongoClient.connect(mongo.uri, { monitorCommands: true });
  client.on('commandStarted', (event) => started.push(event));
  client.on('commandSucceeded', (event) => succeeded.push(event));
  db = client.db(mongo.dbName);
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await mongo.stop();
});

describe('cluster time', () => {
  it('carries operationTime and $clusterTime on every reply, later after a write', async () => {
    const coll = db.collection('clock');
    await coll.findOne({});
    const readTime = succeeded.at(-1)!.reply as { operationTime: Timestamp; $clusterTime: { clusterTime: Timestamp } };
    expect(readTime.operationTime).toBeInstanceOf(Timestamp);
    expect(readTime.$clusterTime.clusterTime).toBeInstanceOf(Timestamp);
    await coll.insertOne({ n: 1 });
    const writeTime = (succeeded.at(-1)!.reply as { operationTime: Timestamp }).operationTime;
    expect(writeTime.greaterThan(readTime.operationTime)).toBe(true);
  });

  it('puts the operation time on error replies too', async () => {
    const error = await db.command({ noSuchCommand: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).errorResponse.operationTime).toBeInstanceOf(Timestamp);
  });

  it('lets a causally consistent session read its own write with afterClusterTime', async () => {
    const coll = db.collection('causal');
    const session = client.startSession({ causalConsistency: true });
    try {
      await coll.insertOne({ _id: 'mine' } as never, { session });
      expect(await coll.findOne({ _id: 'mine' } as never, { session })).toEqual({ _id: 'mine' });
      const find = started.filter((event) => event.commandName === 'find').at(-1)!;
      expect(find.command.readConcern?.afterClusterTime).toBeInstanceOf(Timestamp);
    } finally {
      await session.endSession();
    }
  });

  it('answers a read after a cluster time later than any write', async () => {
    const later = new Timestamp({ t: Math.floor(Date.now() / 1000) + 60, i: 1 });
    const reply = await db.command({ find: 'causal', filter: {}, readConcern: { afterClusterTime: later } });
    expect((reply.operationTime as Timestamp).greaterThanOrEqual(later)).toBe(true);
  });
});

describe('write concern on one node', () => {
  it('reports w: 10 as UnsatisfiableWriteConcern after applying the write', async () => {
    const coll = db.collection('concern');
    const error = await coll.insertOne({ _id: 'w10' } as never, { writeConcern: { w: 10 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoWriteConcernError);
    expect((error as MongoWriteConcernError).code).toBe(100);
    expect(await coll.findOne({ _id: 'w10' } as never)).toEqual({ _id: 'w10' });
  });

  it('reports w: 10 on commitTransaction as a write concern error, the transaction committed', async () => {
    const coll = db.collection('concern');
    const session = client.startSession();
    try {
      session.startTransaction({ writeConcern: { w: 10 } });
      await coll.insertOne({ _id: 'txn-w10' } as never, { session });
      const error = await session.commitTransaction().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect((error as MongoServerError).code).toBe(100);
    } finally {
      await session.endSession();
    }
    expect(await coll.findOne({ _id: 'txn-w10' } as never)).toEqual({ _id: 'txn-w10' });
  });

  it('accepts w: "majority"', async () => {
    await db.collection('concern').insertOne({ _id: 'maj' } as never, { writeConcern: { w: 'majority' } });
  });
});

describe('7.0 validation', () => {
  it('rejects sort on updateOne and replaceOne (8.0 added it)', async () => {
    const coll = db.collection('sorted-update');
    await coll.insertMany([{ x: 1 }, { x: 2 }]);
    for (const attempt of [
      () => coll.updateOne({}, { $set: { y: 1 } }, { sort: { x: -1 } } as never),
      () => coll.replaceOne({}, { y: 1 }, { sort: { x: -1 } } as never),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect((error as MongoServerError).code).toBe(40415);
    }
    expect(await coll.countDocuments({ y: 1 })).toBe(0);
  });

  it('rejects an _id document with $-prefixed fields (DollarPrefixedFieldName)', async () => {
    const error = await db
      .collection('ids')
      .insertOne({ _id: { $a: 1 } } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(52);
    expect(await db.collection('ids').countDocuments()).toBe(0);
  });
});
