// mongod's failCommand fail point (a test command): what drivers' own tests use to make the
// server fail on cue. Against a real mongod it needs enableTestCommands, as here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type Db, type Document, MongoClient, MongoServerError } from 'mongodb';
import { startEmbeddedMongo } from '../../src/index.js';
import { startTestMongo, type TestMongo } from './support/test-mongo.js';

let mongo: TestMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  mongo = await startTestMongo({ enableTestCommands: true });
  client = await MongoClient.connect(mongo.uri, { retryWrites: false, retryReads: false });
  db = client.db(mongo.dbName);
});

afterEach(async () => {
  await client.db('admin').command({ configureFailPoint: 'failCommand', mode: 'off' });
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await mongo.stop();
});

const failCommand = (mode: unknown, data: Document) =>
  client.db('admin').command({ configureFailPoint: 'failCommand', mode, data });

describe('failCommand', () => {
  it('fails the named command with the code, its name and the labels asked for, `times` times', async () => {
    await failCommand({ times: 1 }, { failCommands: ['insert'], errorCode: 91, errorLabels: ['Custom'] });
    const error = (await db
      .collection('fp')
      .insertOne({ a: 1 })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(error).toBeInstanceOf(MongoServerError);
    expect([error.code, error.codeName]).toEqual([91, 'ShutdownInProgress']);
    expect(error.errorLabels).toContain('Custom');
    await db.collection('fp').insertOne({ a: 2 });
    expect(await db.collection('fp').countDocuments()).toBe(1);
  });

  it('labels a retryable write failing with a retryable code RetryableWriteError, and the driver retries it', async () => {
    const retrying = await MongoClient.connect(mongo.uri, { retryWrites: true });
    try {
      await failCommand({ times: 1 }, { failCommands: ['insert'], errorCode: 10107 });
      await retrying
        .db(mongo.dbName)
        .collection('retried')
        .insertOne({ _id: 'once' } as never);
      expect(await db.collection('retried').countDocuments()).toBe(1);
    } finally {
      await retrying.close();
    }
  });

  it('lets `skip` matching commands through first', async () => {
    await failCommand({ skip: 1 }, { failCommands: ['find'], errorCode: 2 });
    await db.collection('fp').findOne({});
    await expect(db.collection('fp').findOne({})).rejects.toMatchObject({ code: 2, codeName: 'BadValue' });
  });

  it('attaches a write concern error to a write that is applied', async () => {
    await failCommand({ times: 1 }, { failCommands: ['insert'], writeConcernError: { code: 64, errmsg: 'waiting' } });
    await expect(db.collection('wce').insertOne({ _id: 1 } as never)).rejects.toMatchObject({ code: 64 });
    expect(await db.collection('wce').countDocuments()).toBe(1);
  });

  it('closes the connection instead of replying', async () => {
    await failCommand({ times: 1 }, { failCommands: ['find'], closeConnection: true });
    await expect(db.collection('fp').findOne({})).rejects.toMatchObject({ name: 'MongoNetworkError' });
  });

  it('blocks the connection for blockTimeMS, then runs the command', async () => {
    await failCommand({ times: 1 }, { failCommands: ['ping'], blockConnection: true, blockTimeMS: 50 });
    await expect(db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('fails only clients with the application name asked for', async () => {
    const named = await MongoClient.connect(mongo.uri, { appName: 'targeted' });
    try {
      await failCommand('alwaysOn', { failCommands: ['find'], errorCode: 2, appName: 'targeted' });
      await expect(db.collection('fp').findOne({})).resolves.toBeDefined();
      await expect(named.db(mongo.dbName).collection('fp').findOne({})).rejects.toMatchObject({ code: 2 });
    } finally {
      await named.close();
    }
  });
});

describe('without enableTestCommands', () => {
  it('has no configureFailPoint command', async () => {
    const engine = await startEmbeddedMongo();
    const plain = await MongoClient.connect(engine.uri);
    try {
      await expect(
        plain
          .db('admin')
          .command({ configureFailPoint: 'failCommand', mode: 'alwaysOn', data: { failCommands: ['ping'] } }),
      ).rejects.toMatchObject({ codeName: 'CommandNotFound' });
    } finally {
      await plain.close();
      await engine.stop();
    }
  });
});
