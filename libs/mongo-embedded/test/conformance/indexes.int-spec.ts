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
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await mongo.stop();
});

async function failure(promise: Promise<unknown>): Promise<MongoServerError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MongoServerError);
  return err as MongoServerError;
}

describe('index management', () => {
  it('creates, lists and drops indexes; _id_ always exists', async () => {
    const coll = db.collection('managed');
    expect(await coll.createIndex({ a: 1 })).toBe('a_1');
    expect(await coll.createIndex({ b: -1, c: 1 }, { name: 'bc' })).toBe('bc');
    expect(await coll.createIndex({ a: 1 })).toBe('a_1'); // idempotent
    const names = (await coll.listIndexes().toArray()).map((i) => i.name).sort();
    expect(names).toEqual(['_id_', 'a_1', 'bc']);
    await coll.dropIndex('a_1');
    expect((await coll.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'bc']);
    await coll.dropIndexes();
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('fails to list indexes of a missing collection with NamespaceNotFound (26)', async () => {
    const err = await failure(db.collection('nope').listIndexes().toArray());
    expect(err.code).toBe(26);
  });

  it('fails to drop a missing index with IndexNotFound (27)', async () => {
    await db.collection('managed2').insertOne({});
    const err = await failure(db.collection('managed2').dropIndex('zzz_1'));
    expect(err.code).toBe(27);
  });

  it('refuses a unique index over existing duplicates', async () => {
    const coll = db.collection('predup');
    await coll.insertMany([{ e: 1 }, { e: 1 }]);
    const err = await failure(coll.createIndex({ e: 1 }, { unique: true }));
    expect(err.code).toBe(11000);
  });
});

describe('unique indexes', () => {
  it('rejects a duplicate insert with code 11000, keyPattern and keyValue', async () => {
    const coll = db.collection('users');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ email: 'a@x.io' });
    const err = await failure(coll.insertOne({ email: 'a@x.io' }));
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x.io' });
    expect(err.message).toMatch(/E11000 duplicate key error collection: .*users index: email_1 dup key/);
  });

  it('rejects an update that would duplicate a key', async () => {
    const coll = db.collection('users');
    await coll.insertOne({ email: 'b@x.io' });
    const err = await failure(coll.updateOne({ email: 'b@x.io' }, { $set: { email: 'a@x.io' } }));
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ email: 'a@x.io' });
    expect(await coll.countDocuments({ email: 'b@x.io' })).toBe(1);
  });

  it('rejects an upsert that would duplicate a key', async () => {
    const coll = db.collection('users');
    const err = await failure(coll.updateOne({ email: 'zzz' }, { $set: { email: 'a@x.io' } }, { upsert: true }));
    expect(err.code).toBe(11000);
  });

  it('enforces compound keys on the combination', async () => {
    const coll = db.collection('votes');
    await coll.createIndex({ userId: 1, postId: 1 }, { unique: true });
    await coll.insertMany([
      { userId: 1, postId: 1 },
      { userId: 1, postId: 2 },
      { userId: 2, postId: 1 },
    ]);
    const err = await failure(coll.insertOne({ userId: 1, postId: 2 }));
    expect(err.keyPattern).toEqual({ userId: 1, postId: 1 });
    expect(err.keyValue).toEqual({ userId: 1, postId: 2 });
  });

  it('counts a missing field as null, so only one document may lack it', async () => {
    const coll = db.collection('handles');
    await coll.createIndex({ handle: 1 }, { unique: true });
    await coll.insertOne({ name: 'first' });
    const err = await failure(coll.insertOne({ name: 'second' }));
    expect(err.keyValue).toEqual({ handle: null });
  });

  it('lets a sparse unique index skip documents without the field', async () => {
    const coll = db.collection('sparse');
    await coll.createIndex({ handle: 1 }, { unique: true, sparse: true });
    await coll.insertMany([{ name: 'a' }, { name: 'b' }, { handle: 'h' }]);
    await failure(coll.insertOne({ handle: 'h' }));
  });

  it('applies a partial unique index only to matching documents', async () => {
    const coll = db.collection('partial');
    await coll.createIndex({ slug: 1 }, { unique: true, partialFilterExpression: { isLive: true } });
    await coll.insertMany([
      { slug: 's', isLive: false },
      { slug: 's', isLive: false },
      { slug: 's', isLive: true },
    ]);
    await failure(coll.insertOne({ slug: 's', isLive: true }));
    expect(await coll.countDocuments({ slug: 's' })).toBe(3);
  });

  it('treats each array element as a key (multikey)', async () => {
    const coll = db.collection('multikey');
    await coll.createIndex({ tags: 1 }, { unique: true });
    await coll.insertOne({ tags: ['a', 'b'] });
    const err = await failure(coll.insertOne({ tags: ['c', 'b'] }));
    expect(err.keyValue).toEqual({ tags: 'b' });
  });

  it('finds documents through an index with equality and $in', async () => {
    const coll = db.collection('lookup');
    await coll.createIndex({ k: 1 });
    await coll.insertMany(Array.from({ length: 500 }, (_, i) => ({ k: i % 50, i })));
    expect(await coll.countDocuments({ k: 7 })).toBe(10);
    expect(await coll.countDocuments({ k: { $in: [1, 2, 3] }, i: { $lt: 100 } })).toBe(6);
  });

  it('refuses a compound key over two different arrays (171 CannotIndexParallelArrays), not over one', async () => {
    const coll = db.collection('parallel');
    await coll.createIndex({ a: 1, b: 1 });
    await coll.insertOne({ a: [1, 2], b: 1 });
    const err = await failure(coll.insertOne({ a: [1, 2], b: [3, 4] }));
    expect(err.code).toBe(171);
    await expect(coll.updateOne({ b: 1 }, { $set: { b: [5, 6] } })).rejects.toMatchObject({ code: 171 });
    expect(await coll.countDocuments()).toBe(1);
    const items = db.collection('sameArray');
    await items.createIndex({ 'items.sku': 1, 'items.qty': 1 });
    await items.insertOne({
      items: [
        { sku: 'x', qty: 1 },
        { sku: 'y', qty: 2 },
      ],
    });
    const loose = db.collection('parallelLater');
    await loose.insertOne({ a: [1], b: [2] });
    await expect(loose.createIndex({ a: 1, b: 1 })).rejects.toMatchObject({ code: 171 });
  });
});
