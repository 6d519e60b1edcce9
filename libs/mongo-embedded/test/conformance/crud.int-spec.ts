import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Binary, type Collection, type Db, Decimal128, Long, MongoClient, ObjectId } from 'mongodb';
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

describe('insert and find', () => {
  it('generates an ObjectId _id and reads the document back', async () => {
    const coll = db.collection('people');
    const { insertedId } = await coll.insertOne({ name: 'Ada' });
    expect(insertedId).toBeInstanceOf(ObjectId);
    expect(await coll.findOne({ _id: insertedId })).toEqual({ _id: insertedId, name: 'Ada' });
  });

  it('round-trips BSON types and compares them in filters and sorts', async () => {
    const coll = db.collection('types');
    const oid = new ObjectId();
    const when = new Date('2024-05-01T10:00:00Z');
    await coll.insertOne({
      _id: 'typed' as never,
      oid,
      when,
      big: Long.fromString('9007199254740993'),
      dec: Decimal128.fromString('1.10'),
      bin: new Binary(Buffer.from([1, 2, 3])),
      nested: { list: [1, 'two', null] },
    });
    const doc = await coll.findOne({ _id: 'typed' } as never, { promoteLongs: false });
    expect(doc!.oid).toEqual(oid);
    expect(doc!.when).toEqual(when);
    expect(String(doc!.big)).toBe('9007199254740993');
    expect(doc!.big).toBeInstanceOf(Long);
    expect(doc!.dec.toString()).toBe('1.10');
    expect(Buffer.from((doc!.bin as Binary).buffer)).toEqual(Buffer.from([1, 2, 3]));
    expect(doc!.nested).toEqual({ list: [1, 'two', null] });
    expect(await coll.countDocuments({ oid })).toBe(1);
    expect(await coll.countDocuments({ when: { $gte: new Date('2024-01-01'), $lt: new Date('2025-01-01') } })).toBe(1);
    expect(await coll.countDocuments({ when: { $lt: new Date('2024-01-01') } })).toBe(0);
  });

  it('sorts ObjectIds and Dates in order', async () => {
    const coll = db.collection('ordered');
    const ids = [new ObjectId(), new ObjectId(), new ObjectId()];
    await coll.insertMany([
      { _id: ids[2], at: new Date(3000) },
      { _id: ids[0], at: new Date(1000) },
      { _id: ids[1], at: new Date(2000) },
    ]);
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(ids);
    expect((await coll.find().sort({ at: -1 }).toArray()).map((d) => d.at.getTime())).toEqual([3000, 2000, 1000]);
  });

  it('reports duplicate _id per document: ordered stops, unordered carries on', async () => {
    const coll = db.collection('batch');
    await coll.insertOne({ _id: 2 as never });
    const ordered = await coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }] as never[]).catch((e: unknown) => e);
    expect(ordered).toMatchObject({ code: 11000 });
    expect(await coll.countDocuments()).toBe(2);
    const unordered = await coll
      .insertMany([{ _id: 4 }, { _id: 2 }, { _id: 5 }] as never[], { ordered: false })
      .catch((e: unknown) => e);
    expect(unordered).toMatchObject({ code: 11000 });
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2, 4, 5]);
  });

  it('applies projection, sort, skip and limit', async () => {
    const coll = db.collection('paging');
    await coll.insertMany(Array.from({ length: 10 }, (_, i) => ({ i, tag: i % 2 ? 'odd' : 'even', secret: 'x' })));
    const docs = await coll
      .find({ tag: 'odd' }, { projection: { _id: 0, i: 1 } })
      .sort({ i: -1 })
      .skip(1)
      .limit(2)
      .toArray();
    expect(docs).toEqual([{ i: 7 }, { i: 5 }]);
    const excluded = await coll.findOne({ i: 0 }, { projection: { secret: 0, _id: 0 } });
    expect(excluded).toEqual({ i: 0, tag: 'even' });
  });

  it('counts and finds distinct values, unwinding arrays', async () => {
    const coll = db.collection('distinct');
    await coll.insertMany([{ t: ['a', 'b'] }, { t: 'b' }, { t: 'c' }, {}]);
    expect((await coll.distinct('t')).sort()).toEqual(['a', 'b', 'c']);
    expect(await coll.countDocuments({ t: 'b' })).toBe(2);
    expect(await coll.estimatedDocumentCount()).toBe(4);
  });

  it('deletes one or many', async () => {
    const coll = db.collection('deletes');
    await coll.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect((await coll.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await coll.deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect(await coll.countDocuments()).toBe(1);
  });
});

describe('query operators', () => {
  let coll: Collection;
  beforeAll(async () => {
    coll = db.collection('q');
    await coll.insertMany([
      {
        n: 1,
        s: 'apple',
        tags: ['red', 'fruit'],
        sub: { v: 10 },
        items: [
          { k: 'a', q: 1 },
          { k: 'b', q: 5 },
        ],
      },
      { n: 2, s: 'banana', tags: ['yellow', 'fruit'], sub: { v: 20 }, items: [{ k: 'a', q: 7 }] },
      { n: 3, s: 'cherry', tags: ['red'], sub: null, extra: true },
      { n: 4, s: 'Date', tags: [] },
    ]);
  });
  const ns = async (filter: object) => (await coll.find(filter).sort({ n: 1 }).toArray()).map((d) => d.n);

  it('compares', async () => {
    expect(await ns({ n: { $gt: 1, $lte: 3 } })).toEqual([2, 3]);
    expect(await ns({ n: { $ne: 2 } })).toEqual([1, 3, 4]);
    expect(await ns({ n: { $in: [1, 4] } })).toEqual([1, 4]);
    expect(await ns({ n: { $nin: [1, 4] } })).toEqual([2, 3]);
    expect(await ns({ 'sub.v': { $gte: 15 } })).toEqual([2]);
  });

  it('combines logically', async () => {
    expect(await ns({ $or: [{ n: 1 }, { s: 'cherry' }] })).toEqual([1, 3]);
    expect(await ns({ $and: [{ tags: 'fruit' }, { n: { $gt: 1 } }] })).toEqual([2]);
    expect(await ns({ n: { $not: { $gt: 2 } } })).toEqual([1, 2]);
    expect(await ns({ $nor: [{ n: 1 }, { n: 2 }] })).toEqual([3, 4]);
  });

  it('checks elements', async () => {
    expect(await ns({ extra: { $exists: true } })).toEqual([3]);
    expect(await ns({ sub: null })).toEqual([3, 4]);
    expect(await ns({ s: { $type: 'string' } })).toEqual([1, 2, 3, 4]);
  });

  it('evaluates', async () => {
    expect(await ns({ s: { $regex: '^b' } })).toEqual([2]);
    expect(await ns({ s: /^d/i })).toEqual([4]);
    expect(await ns({ n: { $mod: [2, 0] } })).toEqual([2, 4]);
    expect(await ns({ $expr: { $gt: ['$n', 3] } })).toEqual([4]);
  });

  it('matches arrays', async () => {
    expect(await ns({ tags: 'red' })).toEqual([1, 3]);
    expect(await ns({ tags: { $all: ['red', 'fruit'] } })).toEqual([1]);
    expect(await ns({ tags: { $size: 0 } })).toEqual([4]);
    expect(await ns({ items: { $elemMatch: { k: 'a', q: { $gt: 5 } } } })).toEqual([2]);
    expect(await ns({ 'items.k': 'b' })).toEqual([1]);
  });
});

describe('findOneAndUpdate / findOneAndDelete', () => {
  it('returns the document before or after, honouring sort and projection', async () => {
    const coll = db.collection('fam');
    await coll.insertMany([
      { q: 1, v: 'low' },
      { q: 9, v: 'high' },
    ]);
    const before = await coll.findOneAndUpdate(
      {},
      { $set: { touched: true } },
      { sort: { q: -1 }, projection: { _id: 0 } },
    );
    expect(before).toEqual({ q: 9, v: 'high' });
    const after = await coll.findOneAndUpdate({ q: 1 }, { $inc: { q: 1 } }, { returnDocument: 'after' });
    expect(after).toMatchObject({ q: 2, v: 'low' });
    const upserted = await coll.findOneAndUpdate(
      { q: 50 },
      { $set: { v: 'new' } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(upserted).toMatchObject({ q: 50, v: 'new' });
    const removed = await coll.findOneAndDelete({ q: 2 });
    expect(removed).toMatchObject({ v: 'low' });
    expect(await coll.findOneAndDelete({ q: 12345 })).toBeNull();
    expect(await coll.countDocuments()).toBe(2);
  });
});
