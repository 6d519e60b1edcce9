import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Db, MongoClient } from 'mongodb';
import { startTestMongo, type TestMongo } from './support/test-mongo.js';

let mongo: TestMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  mongo = await startTestMongo();
  client = await MongoClient.connect(mongo.uri);
  db = client.db(mongo.dbName);
  await db.collection('users').insertMany([
    { _id: 1, name: 'ada' },
    { _id: 2, name: 'bob' },
  ] as never[]);
  await db.collection('posts').insertMany([
    { _id: 10, author: 1, board: 'x', score: 5, tags: ['a', 'b'] },
    { _id: 11, author: 1, board: 'y', score: 3, tags: ['b'] },
    { _id: 12, author: 2, board: 'x', score: 10, tags: [] },
  ] as never[]);
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await mongo.stop();
});

describe('aggregate', () => {
  it('groups with accumulators and sorts', async () => {
    const rows = await db
      .collection('posts')
      .aggregate([
        {
          $group: {
            _id: '$author',
            total: { $sum: '$score' },
            n: { $sum: 1 },
            best: { $max: '$score' },
            boards: { $addToSet: '$board' },
          },
        },
        { $sort: { total: -1 } },
      ])
      .toArray();
    expect(rows.map((r) => ({ ...r, boards: [...r.boards].sort() }))).toEqual([
      { _id: 2, total: 10, n: 1, best: 10, boards: ['x'] },
      { _id: 1, total: 8, n: 2, best: 5, boards: ['x', 'y'] },
    ]);
  });

  it('matches, projects, adds fields, unsets, skips and limits', async () => {
    const rows = await db
      .collection('posts')
      .aggregate([
        { $match: { board: 'x' } },
        { $addFields: { double: { $multiply: ['$score', 2] } } },
        { $project: { tags: 0 } },
        { $unset: 'board' },
        { $sort: { score: 1 } },
        { $skip: 1 },
        { $limit: 1 },
      ])
      .toArray();
    expect(rows).toEqual([{ _id: 12, author: 2, score: 10, double: 20 }]);
  });

  it('unwinds arrays and counts by value', async () => {
    const rows = await db
      .collection('posts')
      .aggregate([{ $unwind: '$tags' }, { $sortByCount: '$tags' }])
      .toArray();
    expect(rows).toEqual([
      { _id: 'b', count: 2 },
      { _id: 'a', count: 1 },
    ]);
    const [counted] = await db
      .collection('posts')
      .aggregate([{ $match: { score: { $gt: 4 } } }, { $count: 'n' }])
      .toArray();
    expect(counted).toEqual({ n: 2 });
  });

  it('looks up another collection (localField/foreignField form)', async () => {
    const rows = await db
      .collection('posts')
      .aggregate([
        { $match: { _id: 10 } },
        { $lookup: { from: 'users', localField: 'author', foreignField: '_id', as: 'authorDoc' } },
        { $replaceWith: { post: '$_id', author: { $arrayElemAt: ['$authorDoc.name', 0] } } },
      ])
      .toArray();
    expect(rows).toEqual([{ post: 10, author: 'ada' }]);
  });

  it('looks up with a pipeline and let variables', async () => {
    const rows = await db
      .collection('users')
      .aggregate([
        {
          $lookup: {
            from: 'posts',
            let: { uid: '$_id' },
            pipeline: [{ $match: { $expr: { $eq: ['$author', '$$uid'] } } }, { $project: { _id: 1 } }],
            as: 'posts',
          },
        },
        { $project: { name: 1, postCount: { $size: '$posts' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: 1, name: 'ada', postCount: 2 },
      { _id: 2, name: 'bob', postCount: 1 },
    ]);
  });

  it('runs facets and replaceRoot', async () => {
    const [facets] = await db
      .collection('posts')
      .aggregate([
        {
          $facet: {
            total: [{ $count: 'n' }],
            top: [{ $sort: { score: -1 } }, { $limit: 1 }, { $replaceRoot: { newRoot: { id: '$_id' } } }],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({ total: [{ n: 3 }], top: [{ id: 12 }] });
  });

  it('counts documents (countDocuments is an aggregate)', async () => {
    expect(await db.collection('posts').countDocuments({ board: 'x' })).toBe(2);
    expect(await db.collection('posts').countDocuments({}, { skip: 1, limit: 1 })).toBe(1);
    expect(await db.collection('missing').countDocuments()).toBe(0);
  });

  it('pages a large aggregate result through getMore', async () => {
    await db.collection('many').insertMany(Array.from({ length: 300 }, (_, i) => ({ i })));
    const rows = await db
      .collection('many')
      .aggregate([{ $sort: { i: -1 } }], { batchSize: 50 })
      .toArray();
    expect(rows).toHaveLength(300);
    expect(rows[0]!.i).toBe(299);
  });
});
