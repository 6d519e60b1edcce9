// The rest of the engine's command and operator list, each checked as MongoDB documents it:
// renameCollection, server status commands, endSessions, $sample, allowDiskUse, $push $position,
// $bit, findAndModify remove with sort and fields, and unique keys under concurrent writers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Db, MongoClient, MongoServerError, UUID } from 'mongodb';
import { startTestMongo, type TestMongo } from './support/test-mongo.js';

type Doc = { _id: string | number; [field: string]: unknown };
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

describe('administration', () => {
  it('renames a collection with its documents and indexes; refuses a missing source (26) or existing target (48)', async () => {
    const source = db.collection<Doc>('before');
    await source.insertMany([
      { _id: 1, k: 'a' },
      { _id: 2, k: 'b' },
    ]);
    await source.createIndex({ k: 1 }, { unique: true, name: 'k_unique' });
    await db.renameCollection('before', 'after');
    const target = db.collection<Doc>('after');
    expect(await target.countDocuments()).toBe(2);
    expect((await target.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'k_unique']);
    await expect(target.insertOne({ _id: 3, k: 'a' })).rejects.toMatchObject({ code: 11000 });
    expect((await db.listCollections({ name: 'before' }).toArray()).length).toBe(0);
    await expect(db.renameCollection('before', 'elsewhere')).rejects.toMatchObject({ code: 26 });
    await db.collection('occupied').insertOne({ _id: 'x' } as never);
    await expect(db.renameCollection('after', 'occupied')).rejects.toMatchObject({ code: 48 });
    await db.renameCollection('after', 'occupied', { dropTarget: true });
    expect(await db.collection('occupied').countDocuments()).toBe(2);
  });

  it('answers serverStatus, hostInfo, getParameter and collStats with the fields tools read', async () => {
    const status = await db.admin().serverStatus();
    expect(status).toMatchObject({ ok: 1 });
    expect(typeof status.version).toBe('string');
    expect(typeof status.uptime).toBe('number');
    expect((await db.admin().command({ hostInfo: 1 })).ok).toBe(1);
    const parameter = await db.admin().command({ getParameter: 1, featureCompatibilityVersion: 1 });
    expect(parameter.featureCompatibilityVersion.version).toMatch(/^\d+\.\d+$/);
    const stats = db.collection('sized');
    await stats.insertMany([{ text: 'x'.repeat(100) }, { text: 'y'.repeat(100) }]);
    const collStats = await db.command({ collStats: 'sized' });
    expect(collStats.count).toBe(2);
    expect(collStats.size).toBeGreaterThan(200);
    expect(collStats.nindexes).toBe(1);
  });

  it('ends sessions on request', async () => {
    expect(await db.admin().command({ endSessions: [{ id: new UUID() }] })).toMatchObject({ ok: 1 });
  });
});

describe('aggregation stages and options', () => {
  it('$sample returns that many distinct documents, or all of them when asked for more', async () => {
    const c = db.collection<Doc>('sampled');
    await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i })));
    const some = await c.aggregate<Doc>([{ $sample: { size: 5 } }]).toArray();
    expect(some).toHaveLength(5);
    expect(new Set(some.map((d) => d._id)).size).toBe(5);
    expect(await c.aggregate([{ $sample: { size: 80 } }]).toArray()).toHaveLength(50);
  });

  it('accepts allowDiskUse', async () => {
    const c = db.collection<Doc>('disk');
    await c.insertMany([
      { _id: 1, g: 'a' },
      { _id: 2, g: 'a' },
      { _id: 3, g: 'b' },
    ]);
    const groups = await c
      .aggregate([{ $group: { _id: '$g', n: { $sum: 1 } } }, { $sort: { _id: 1 } }], { allowDiskUse: true })
      .toArray();
    expect(groups).toEqual([
      { _id: 'a', n: 2 },
      { _id: 'b', n: 1 },
    ]);
  });
});

describe('more update operators and findAndModify', () => {
  it('$push with $position inserts at that place; $bit combines bits', async () => {
    const c = db.collection<Doc>('ops');
    await c.insertOne({ _id: 1, list: [1, 2, 3], flags: 5 });
    await c.updateOne({ _id: 1 }, {
      $push: { list: { $each: [9, 8], $position: 1 } },
      $bit: { flags: { and: 4 } },
    } as never);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, list: [1, 9, 8, 2, 3], flags: 4 });
    await c.updateOne({ _id: 1 }, { $bit: { flags: { or: 3 } } } as never);
    expect((await c.findOne({ _id: 1 }))!.flags).toBe(7);
  });

  it('findOneAndDelete removes the first in sort order and returns only the projected fields', async () => {
    const c = db.collection<Doc>('queue');
    await c.insertMany([
      { _id: 'late', at: 3, body: 'c' },
      { _id: 'early', at: 1, body: 'a' },
      { _id: 'middle', at: 2, body: 'b' },
    ]);
    const removed = await c.findOneAndDelete({}, { sort: { at: 1 }, projection: { body: 1, _id: 0 } });
    expect(removed).toEqual({ body: 'a' });
    expect((await c.find({}).sort({ at: 1 }).toArray()).map((d) => d._id)).toEqual(['middle', 'late']);
  });
});

describe('unique keys under concurrent writers', () => {
  it('lets exactly one of many simultaneous inserts of one key succeed; the others get 11000', async () => {
    const c = db.collection<Doc>('race');
    await c.createIndex({ email: 1 }, { unique: true });
    const writers = Array.from({ length: 20 }, (_, i) =>
      c.insertOne({ _id: i, email: 'same@example.com' }).then(
        () => 'ok',
        (error: unknown) => (error instanceof MongoServerError ? error.code : error),
      ),
    );
    const outcomes = await Promise.all(writers);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 11000)).toHaveLength(19);
    expect(await c.countDocuments({ email: 'same@example.com' })).toBe(1);
  });

  it('commits only one of several transactions inserting the same key, whatever the retries', async () => {
    const c = db.collection<Doc>('raceTxn');
    await c.createIndex({ handle: 1 }, { unique: true });
    const attempt = async (i: number) => {
      const session = client.startSession();
      try {
        await session.withTransaction(async () => {
          await c.insertOne({ _id: i, handle: 'ada' }, { session });
        });
        return 'ok';
      } catch (error) {
        return error instanceof MongoServerError ? error.code : error;
      } finally {
        await session.endSession();
      }
    };
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => attempt(i)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.every((o) => o === 'ok' || o === 11000)).toBe(true);
    expect(await c.countDocuments()).toBe(1);
  });
});
