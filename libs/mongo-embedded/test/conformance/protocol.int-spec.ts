import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Db, Long, MongoClient, MongoServerError } from 'mongodb';
import { startTestMongo, type TestMongo } from './support/test-mongo.js';

let mongo: TestMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  mongo = await startTestMongo();
  client = await MongoClient.connect(mongo.uri);
  db = client.db(mongo.dbName);
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await mongo.stop();
});

describe('handshake and admin commands', () => {
  it('answers ping and hello as a writable replica set primary', async () => {
    expect(await db.admin().ping()).toMatchObject({ ok: 1 });
    const hello = await db.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(typeof hello.setName).toBe('string');
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(17);
  });

  it('reports a 7.x server version in buildInfo', async () => {
    const info = await db.admin().buildInfo();
    expect(info.version).toMatch(/^\d+\.\d+/);
    expect(Number(info.version.split('.')[0])).toBeGreaterThanOrEqual(7);
  });

  it('rejects an unknown command with CommandNotFound (59)', async () => {
    const err = await db.command({ noSuchCommandHere: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
  });
});

describe('collections', () => {
  it('creates a collection and refuses to create it twice with NamespaceExists (48)', async () => {
    await db.createCollection('created');
    const err = await db.command({ create: 'created' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 48, codeName: 'NamespaceExists' });
  });

  it('lists collections with a filter and nameOnly', async () => {
    await db.createCollection('listed_a');
    await db.createCollection('listed_b');
    const names = (await db.listCollections({ name: /^listed_/ }, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .sort();
    expect(names).toEqual(['listed_a', 'listed_b']);
    const [full] = await db.listCollections({ name: 'listed_a' }).toArray();
    expect(full).toMatchObject({ name: 'listed_a', type: 'collection' });
  });

  it('drops a missing collection without error (MongoDB 7 semantics)', async () => {
    await expect(db.collection('never_created').drop()).resolves.toBe(true);
  });

  it('drops a collection and its documents', async () => {
    await db.collection('to_drop').insertOne({ a: 1 });
    await db.collection('to_drop').drop();
    expect(await db.collection('to_drop').countDocuments()).toBe(0);
    expect((await db.listCollections({ name: 'to_drop' }).toArray()).length).toBe(0);
  });

  it('lists the database after a write', async () => {
    await db.collection('listdb').insertOne({ a: 1 });
    const { databases } = await db.admin().listDatabases();
    expect(databases.map((d) => d.name)).toContain(mongo.dbName);
  });

  it('answers dbStats and collStats', async () => {
    await db.collection('stats').insertMany([{ a: 1 }, { a: 2 }]);
    expect(await db.stats()).toMatchObject({ ok: 1 });
    const stats = await db.command({ collStats: 'stats' });
    expect(stats.count).toBe(2);
  });
});

describe('cursors', () => {
  it('pages a large result across several getMore batches with a stable cursor id', async () => {
    const coll = db.collection('paged');
    await coll.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const first = await db.command(
      { find: 'paged', filter: {}, sort: { i: 1 }, batchSize: 100 },
      { promoteLongs: false },
    );
    expect(first.cursor.firstBatch).toHaveLength(100);
    expect(first.cursor.id).toBeInstanceOf(Long);
    expect(String(first.cursor.id)).not.toBe('0');
    const id = first.cursor.id as Long;
    const second = await db.command({ getMore: id, collection: 'paged', batchSize: 100 });
    expect(second.cursor.nextBatch[0].i).toBe(100);
    expect(String(second.cursor.id)).toBe(String(id));
    const third = await db.command({ getMore: id, collection: 'paged', batchSize: 100 });
    expect(third.cursor.nextBatch).toHaveLength(50);
    expect(String(third.cursor.id)).toBe('0');
    const all = await coll.find({}, { batchSize: 7 }).sort({ i: 1 }).toArray();
    expect(all.map((d) => d.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('kills a cursor so getMore fails with CursorNotFound (43)', async () => {
    const first = await db.command({ find: 'paged', filter: {}, batchSize: 2 });
    const id = first.cursor.id as Long;
    const killed = await db.command({ killCursors: 'paged', cursors: [id] });
    expect(killed.cursorsKilled.map(String)).toEqual([String(id)]);
    await expect(db.command({ getMore: id, collection: 'paged' })).rejects.toMatchObject({ code: 43 });
  });

  it('returns a single batch when asked', async () => {
    const reply = await db.command({ find: 'paged', filter: {}, batchSize: 5, singleBatch: true });
    expect(reply.cursor.firstBatch).toHaveLength(5);
    expect(String(reply.cursor.id)).toBe('0');
  });
});
