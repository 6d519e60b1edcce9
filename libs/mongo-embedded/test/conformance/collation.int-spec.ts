// Collation (ICU rules) on every operation that takes one, on indexes and as a collection's
// default; `simple` is binary comparison.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Collection, type Db, type Document, MongoClient, MongoServerError } from 'mongodb';
import { startTestMongo, type TestMongo } from './support/test-mongo.js';

let mongo: TestMongo;
let client: MongoClient;
let db: Db;
let words: Collection;

const caseInsensitive = { locale: 'en', strength: 2 };

beforeAll(async () => {
  mongo = await startTestMongo();
  client = await MongoClient.connect(mongo.uri);
  db = client.db(mongo.dbName);
  words = db.collection('words');
  await words.insertMany([
    { _id: 1, w: 'ping' },
    { _id: 2, w: 'PING' },
    { _id: 3, w: 'péng' },
    { _id: 4, w: 'pong' },
    { _id: 5, w: 'item10' },
    { _id: 6, w: 'item9' },
    { _id: 7, tags: ['Red', 'green'] },
  ] as never[]);
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await mongo.stop();
});

const ids = (docs: Document[]) => docs.map((doc) => doc._id as unknown);

describe('collated queries', () => {
  it('finds case-insensitively at strength 2, and ignores accents too at strength 1', async () => {
    expect(ids(await words.find({ w: 'Ping' }, { collation: caseInsensitive }).sort({ _id: 1 }).toArray())).toEqual([
      1, 2,
    ]);
    expect(ids(await words.find({ w: 'PENG' }, { collation: { locale: 'en', strength: 1 } }).toArray())).toEqual([3]);
    expect(await words.find({ w: 'Ping' }).toArray()).toEqual([]);
  });

  it('tells case apart at strength 1 with caseLevel', async () => {
    const docs = await words
      .find({ w: 'ping' }, { collation: { locale: 'en', strength: 1, caseLevel: true } })
      .toArray();
    expect(ids(docs)).toEqual([1]);
  });

  it('compares ranges and $in by the collation, and array elements too', async () => {
    const range = await words.find({ w: { $gte: 'PONG' } }, { collation: caseInsensitive }).toArray();
    expect(ids(range)).toEqual([4]);
    const listed = await words
      .find({ w: { $in: ['PONG', 'Item9'] } }, { collation: caseInsensitive })
      .sort({ _id: 1 })
      .toArray();
    expect(ids(listed)).toEqual([4, 6]);
    expect(ids(await words.find({ tags: 'red' }, { collation: caseInsensitive }).toArray())).toEqual([7]);
  });

  it('sorts numerically with numericOrdering, and by the locale otherwise', async () => {
    const numeric = await words
      .find({ w: /^item/ }, { collation: { locale: 'en', numericOrdering: true } })
      .sort({ w: 1 })
      .toArray();
    expect(numeric.map((d) => d.w)).toEqual(['item9', 'item10']);
    const binary = await words.find({ w: /^item/ }).sort({ w: 1 }).toArray();
    expect(binary.map((d) => d.w)).toEqual(['item10', 'item9']);
  });

  it('sorts Chinese by pinyin under zh', async () => {
    const chinese = db.collection('chinese');
    await chinese.insertMany([{ c: '中' }, { c: '啊' }, { c: '波' }]);
    const sorted = await chinese
      .find({}, { collation: { locale: 'zh' } })
      .sort({ c: 1 })
      .toArray();
    expect(sorted.map((d) => d.c)).toEqual(['啊', '波', '中']);
  });

  it('counts and gives distinct values under the collation', async () => {
    expect(await words.countDocuments({ w: 'PING' }, { collation: caseInsensitive })).toBe(2);
    const distinct = await words.distinct('w', { w: { $in: ['ping', 'PING'] } }, { collation: caseInsensitive });
    expect(distinct).toHaveLength(1);
  });

  it('applies it in aggregation $match and $sort', async () => {
    const result = await words
      .aggregate([{ $match: { w: 'PING' } }, { $sort: { _id: -1 } }, { $project: { _id: 1 } }], {
        collation: caseInsensitive,
      })
      .toArray();
    expect(ids(result)).toEqual([2, 1]);
  });

  it('groups keys equal under the collation together in $group and $sortByCount', async () => {
    const grouped = await words
      .aggregate(
        [
          { $match: { w: { $in: ['ping', 'pong'] } } },
          { $group: { _id: '$w', count: { $sum: 1 }, ids: { $push: '$_id' } } },
          { $sort: { count: -1 } },
        ],
        { collation: caseInsensitive },
      )
      .toArray();
    expect(grouped).toHaveLength(2);
    expect(grouped[0]).toMatchObject({ count: 2 });
    expect((grouped[0]._id as string).toLowerCase()).toBe('ping');
    expect((grouped[0].ids as number[]).sort()).toEqual([1, 2]);
    expect(grouped[1]).toEqual({ _id: 'pong', count: 1, ids: [4] });
    // A compound key, and whole documents pushed ($$ROOT) as they are.
    const compound = await words
      .aggregate([{ $match: { w: /^p/i } }, { $group: { _id: { w: '$w' }, docs: { $push: '$$ROOT' } } }], {
        collation: { locale: 'en', strength: 1 },
      })
      .toArray();
    expect(compound.map((g) => (g.docs as Document[]).length).sort()).toEqual([1, 1, 2]);
    expect(compound.flatMap((g) => g.docs as Document[]).every((doc) => Object.keys(doc).join() === '_id,w')).toBe(
      true,
    );
    const counted = await words
      .aggregate([{ $match: { w: { $in: ['ping', 'pong'] } } }, { $sortByCount: '$w' }], { collation: caseInsensitive })
      .toArray();
    expect(counted.map((g) => g.count)).toEqual([2, 1]);
    // Without a collation the keys stay apart.
    const simple = await words.aggregate([{ $match: { w: /^ping$/i } }, { $group: { _id: '$w' } }]).toArray();
    expect(simple).toHaveLength(2);
  });

  it('updates, deletes and findAndModifies what the collation matches', async () => {
    const coll = db.collection('collated-writes');
    await coll.insertMany([
      { _id: 1, s: 'Apple' },
      { _id: 2, s: 'APPLE' },
      { _id: 3, s: 'pear' },
    ] as never[]);
    const updated = await coll.updateMany({ s: 'apple' }, { $set: { fruit: true } }, { collation: caseInsensitive });
    expect(updated.modifiedCount).toBe(2);
    const found = await coll.findOneAndUpdate(
      { s: 'PEAR' },
      { $set: { seen: 1 } },
      { collation: caseInsensitive, returnDocument: 'after' },
    );
    expect(found).toMatchObject({ _id: 3, seen: 1 });
    const deleted = await coll.deleteMany({ s: 'apple' }, { collation: caseInsensitive });
    expect(deleted.deletedCount).toBe(2);
  });

  it('uses the collection default collation, unless the operation asks for simple', async () => {
    await db.createCollection('by-default', { collation: caseInsensitive });
    const coll = db.collection('by-default');
    await coll.insertMany([{ n: 'Ada' }, { n: 'ada' }]);
    expect(await coll.countDocuments({ n: 'ADA' })).toBe(2);
    expect(await coll.countDocuments({ n: 'ADA' }, { collation: { locale: 'simple' } })).toBe(0);
    const [info] = await db.listCollections({ name: 'by-default' }).toArray();
    expect(
      (info as unknown as { options: { collation: { locale: string; strength: number } } }).options.collation,
    ).toMatchObject({
      locale: 'en',
      strength: 2,
      caseLevel: false,
      numericOrdering: false,
    });
  });

  it('rejects an unknown locale and a strength outside 1–5', async () => {
    for (const collation of [{ locale: 'xx_nowhere' }, { locale: 'en', strength: 9 }]) {
      const error = await words.findOne({}, { collation }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect((error as MongoServerError).codeName).toBe('BadValue');
    }
  });
});

describe('collated indexes', () => {
  it('makes a unique index with a case-insensitive collation refuse a case variant', async () => {
    const coll = db.collection('handles');
    await coll.createIndex({ handle: 1 }, { unique: true, collation: caseInsensitive });
    await coll.insertOne({ handle: 'Ada' });
    await expect(coll.insertOne({ handle: 'ADA' })).rejects.toMatchObject({ code: 11000 });
    await coll.insertOne({ handle: 'Grace' });
    await expect(coll.updateOne({ handle: 'Grace' }, { $set: { handle: 'ada' } })).rejects.toMatchObject({
      code: 11000,
    });
    const [, index] = await coll.indexes();
    expect(index.collation).toMatchObject({ locale: 'en', strength: 2 });
  });

  it('refuses to build a case-insensitive unique index over case variants', async () => {
    const coll = db.collection('variants');
    await coll.insertMany([{ k: 'x' }, { k: 'X' }]);
    await expect(coll.createIndex({ k: 1 }, { unique: true, collation: caseInsensitive })).rejects.toMatchObject({
      code: 11000,
    });
  });

  it('answers collated queries on a collated index with the collation', async () => {
    const coll = db.collection('indexed');
    await coll.createIndex({ name: 1 }, { collation: caseInsensitive });
    await coll.insertMany([{ name: 'b' }, { name: 'A' }, { name: 'a' }, { name: 'B' }]);
    const docs = await coll
      .find({ name: { $gte: 'a' } }, { collation: caseInsensitive })
      .sort({ name: 1 })
      .toArray();
    expect(docs.map((d) => d.name.toLowerCase())).toEqual(['a', 'a', 'b', 'b']);
  });
});
