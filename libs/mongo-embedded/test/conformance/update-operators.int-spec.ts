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

async function updated(name: string, doc: object, update: object, options: object = {}): Promise<unknown> {
  const coll = db.collection(name);
  await coll.insertOne({ _id: 1, ...doc } as never);
  await coll.updateOne({ _id: 1 } as never, update, options);
  const { _id, ...rest } = (await coll.findOne({ _id: 1 } as never))!;
  return rest;
}

describe('field operators', () => {
  it('sets, unsets, increments, multiplies, takes min/max and renames', async () => {
    expect(
      await updated('f1', { a: 1, b: 2, c: 3 }, { $set: { a: 10, 'd.e': 1 }, $unset: { b: '' }, $inc: { c: 2 } }),
    ).toEqual({ a: 10, c: 5, d: { e: 1 } });
    expect(await updated('f2', { m: 3, lo: 5, hi: 5 }, { $mul: { m: 4 }, $min: { lo: 2 }, $max: { hi: 9 } })).toEqual({
      m: 12,
      lo: 2,
      hi: 9,
    });
    expect(await updated('f3', { old: 'v' }, { $rename: { old: 'new' } })).toEqual({ new: 'v' });
  });

  it('sets the current date', async () => {
    const doc = (await updated('f4', {}, { $currentDate: { at: true } })) as { at: Date };
    expect(doc.at).toBeInstanceOf(Date);
  });

  it('reports matched and modified counts', async () => {
    const coll = db.collection('counts');
    await coll.insertMany([
      { k: 1, v: 1 },
      { k: 1, v: 2 },
      { k: 2, v: 1 },
    ]);
    const many = await coll.updateMany({ k: 1 }, { $set: { v: 2 } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 1 });
    const none = await coll.updateOne({ k: 99 }, { $set: { v: 1 } });
    expect(none).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedId: null });
  });
});

describe('array operators', () => {
  it('pushes (with $each/$slice/$sort), adds to set, pulls and pops', async () => {
    expect(await updated('a1', { t: [3] }, { $push: { t: { $each: [1, 2], $sort: 1, $slice: 2 } } })).toEqual({
      t: [1, 2],
    });
    expect(await updated('a2', { t: ['x'] }, { $addToSet: { t: { $each: ['x', 'y'] } } })).toEqual({ t: ['x', 'y'] });
    expect(await updated('a3', { t: [1, 2, 3, 2] }, { $pull: { t: 2 } })).toEqual({ t: [1, 3] });
    expect(await updated('a4', { t: [{ q: 1 }, { q: 5 }] }, { $pull: { t: { q: { $gt: 2 } } } })).toEqual({
      t: [{ q: 1 }],
    });
    expect(await updated('a5', { t: [1, 2, 3] }, { $pop: { t: 1 } })).toEqual({ t: [1, 2] });
    expect(await updated('a6', { t: [1, 2, 3] }, { $pullAll: { t: [1, 3] } })).toEqual({ t: [2] });
  });

  it('updates the matched element with the positional $ operator', async () => {
    const coll = db.collection('positional');
    await coll.insertOne({
      _id: 1,
      items: [
        { k: 'a', n: 1 },
        { k: 'b', n: 1 },
      ],
    } as never);
    await coll.updateOne({ _id: 1, 'items.k': 'b' } as never, { $inc: { 'items.$.n': 5 } });
    expect((await coll.findOne({ _id: 1 } as never))!.items).toEqual([
      { k: 'a', n: 1 },
      { k: 'b', n: 6 },
    ]);
  });

  it('updates all elements ($[]) and filtered elements ($[id] with arrayFilters)', async () => {
    const coll = db.collection('filtered');
    await coll.insertOne({ _id: 1, grades: [80, 95, 100], items: [{ q: 1 }, { q: 9 }] } as never);
    await coll.updateOne({ _id: 1 } as never, { $inc: { 'grades.$[]': 1 } });
    await coll.updateOne(
      { _id: 1 } as never,
      { $set: { 'items.$[big].flag': true } },
      { arrayFilters: [{ 'big.q': { $gt: 5 } }] },
    );
    const doc = (await coll.findOne({ _id: 1 } as never))!;
    expect(doc.grades).toEqual([81, 96, 101]);
    expect(doc.items).toEqual([{ q: 1 }, { q: 9, flag: true }]);
  });
});

describe('upsert and replacement', () => {
  it('upserts from the filter equalities, applying $setOnInsert only on insert', async () => {
    const coll = db.collection('upserts');
    const first = await coll.updateOne(
      { key: 'k1', n: { $gt: 5 } },
      { $set: { v: 1 }, $setOnInsert: { createdBy: 'upsert' } },
      { upsert: true },
    );
    expect(first.upsertedCount).toBe(1);
    expect(first.upsertedId).toBeTruthy();
    const doc = await coll.findOne({ _id: first.upsertedId! });
    expect(doc).toMatchObject({ key: 'k1', v: 1, createdBy: 'upsert' });
    expect(doc).not.toHaveProperty('n');
    const second = await coll.updateOne(
      { key: 'k1' },
      { $set: { v: 2 }, $setOnInsert: { createdBy: 'other' } },
      { upsert: true },
    );
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await coll.findOne({ key: 'k1' })).toMatchObject({ v: 2, createdBy: 'upsert' });
  });

  it('upserts with an _id taken from the filter', async () => {
    const coll = db.collection('upsert_id');
    const res = await coll.updateOne({ _id: 'fixed' } as never, { $inc: { n: 1 } }, { upsert: true });
    expect(res.upsertedId).toBe('fixed');
    expect(await coll.findOne({ _id: 'fixed' } as never)).toEqual({ _id: 'fixed', n: 1 });
  });

  it('replaces a whole document but keeps its _id', async () => {
    const coll = db.collection('replace');
    await coll.insertOne({ _id: 1, a: 1, b: 2 } as never);
    await coll.replaceOne({ _id: 1 } as never, { c: 3 });
    expect(await coll.findOne({ _id: 1 } as never)).toEqual({ _id: 1, c: 3 });
    const upsert = await coll.replaceOne({ c: 99 }, { c: 100 }, { upsert: true });
    expect(upsert.upsertedCount).toBe(1);
  });

  it('runs a pipeline-style update', async () => {
    const coll = db.collection('pipeline_update');
    await coll.insertOne({ _id: 1, a: 2, b: 3 } as never);
    await coll.updateOne({ _id: 1 } as never, [{ $set: { sum: { $add: ['$a', '$b'] } } }]);
    expect(await coll.findOne({ _id: 1 } as never)).toEqual({ _id: 1, a: 2, b: 3, sum: 5 });
  });
});

describe('invalid updates fail and leave the document untouched', () => {
  const original = { _id: 1, name: 'x', count: 1, label: 'text' };
  async function expectRejected(name: string, update: object, code: number): Promise<void> {
    const coll = db.collection(name);
    await coll.insertOne({ ...original } as never);
    const err = await coll.updateOne({ _id: 1 } as never, update).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(code);
    expect(await coll.findOne({ _id: 1 } as never)).toEqual(original);
  }

  it('refuses to change _id (66 ImmutableField)', async () => {
    await expectRejected('bad_id', { $set: { _id: 2, name: 'changed' } }, 66);
  });

  it('refuses conflicting paths (40 ConflictingUpdateOperators)', async () => {
    await expectRejected('bad_conflict', { $set: { count: 5 }, $inc: { count: 1 } }, 40);
    await expectRejected('bad_prefix', { $set: { 'a.b': 1, a: 2 } }, 40);
  });

  it('refuses $inc on a non-number (14 TypeMismatch)', async () => {
    await expectRejected('bad_inc_target', { $inc: { label: 1 }, $set: { name: 'changed' } }, 14);
    await expectRejected('bad_inc_arg', { $inc: { count: 'one' } }, 14);
  });

  it('refuses unknown operators (9 FailedToParse)', async () => {
    const coll = db.collection('bad_op');
    await coll.insertOne({ ...original } as never);
    const err = await db
      .command({ update: 'bad_op', updates: [{ q: { _id: 1 }, u: { $frobnicate: { a: 1 } } }] })
      .catch((e: unknown) => e);
    const code =
      err instanceof MongoServerError
        ? err.code
        : (err as { writeErrors: Array<{ code: number }> }).writeErrors?.[0]?.code;
    expect(code ?? (err as { writeErrors?: Array<{ code: number }> }).writeErrors?.[0]?.code).toBe(9);
  });
});
