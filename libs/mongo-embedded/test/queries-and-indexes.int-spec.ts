import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ObjectId } from 'mongodb';
import { conformanceTarget, isRealMongo, type ConformanceTarget } from './conformance-target.js';

describe('query operators, aggregation and indexes as MongoDB answers them', () => {
  let t: ConformanceTarget;
  const ids = { a: new ObjectId(), b: new ObjectId(), c: new ObjectId() };

  beforeAll(async () => {
    t = await conformanceTarget();
    await t.db.collection('q').insertMany([
      {
        _id: ids.a,
        name: 'Alpha',
        n: 1,
        tags: ['5g', 'billing'],
        dims: { w: 2, h: 3 },
        items: [
          { sku: 'x', qty: 2 },
          { sku: 'y', qty: 9 },
        ],
        note: null,
      },
      { _id: ids.b, name: 'beta', n: 5, tags: ['roaming'], dims: { w: 4, h: 1 }, items: [{ sku: 'x', qty: 7 }] },
      { _id: ids.c, name: 'Gamma', n: 10, tags: [], items: [], extra: 'yes' },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers $in with a long list like a short one: array elements, numbers of any type, ids', async () => {
    const q = t.db.collection('q');
    const filler = Array.from({ length: 40 }, (_, i) => `none-${i}`);
    const names = async (filter: Record<string, unknown>) =>
      (await q.find(filter).sort({ n: 1 }).toArray()).map((d) => d.name);
    expect(await names({ tags: { $in: [...filler, 'roaming', 'billing'] } })).toEqual(['Alpha', 'beta']);
    expect(await names({ n: { $in: [...filler, 5.0, 10] } })).toEqual(['beta', 'Gamma']);
    expect(await names({ _id: { $in: [...filler, ids.c, ids.a] } })).toEqual(['Alpha', 'Gamma']);
    expect(await names({ n: { $in: filler, $gt: 0 } })).toEqual([]);
  });

  const names = async (filter: object) =>
    (await t.db.collection('q').find(filter).sort({ n: 1 }).toArray()).map((d) => d.name);

  it.each<[string, object, string[]]>([
    ['$gt/$lte', { n: { $gt: 1, $lte: 10 } }, ['beta', 'Gamma']],
    ['$ne', { n: { $ne: 5 } }, ['Alpha', 'Gamma']],
    ['$in / $nin', { n: { $in: [1, 10] }, name: { $nin: ['Gamma'] } }, ['Alpha']],
    ['$or / $and / $nor', { $or: [{ n: 1 }, { $and: [{ n: { $gt: 4 } }, { $nor: [{ n: 10 }] }] }] }, ['Alpha', 'beta']],
    ['$not', { n: { $not: { $gt: 4 } } }, ['Alpha']],
    ['$exists', { extra: { $exists: true } }, ['Gamma']],
    ['null matches null and missing', { note: null }, ['Alpha', 'beta', 'Gamma']],
    ['$type by alias', { name: { $type: 'string' }, _id: { $type: 'objectId' } }, ['Alpha', 'beta', 'Gamma']],
    ['$type by number', { n: { $type: 16 } }, ['Alpha', 'beta', 'Gamma']],
    ['$regex with options', { name: { $regex: '^a', $options: 'i' } }, ['Alpha']],
    ['a regular expression value', { name: /ma$/ }, ['Gamma']],
    ['$all', { tags: { $all: ['5g', 'billing'] } }, ['Alpha']],
    ['an array element', { tags: 'roaming' }, ['beta']],
    ['$size', { tags: { $size: 0 } }, ['Gamma']],
    ['$elemMatch', { items: { $elemMatch: { sku: 'x', qty: { $gt: 5 } } } }, ['beta']],
    ['a dotted path into an array', { 'items.qty': 9 }, ['Alpha']],
    ['a dotted path into a document', { 'dims.w': { $gte: 4 } }, ['beta']],
    ['$expr', { $expr: { $gt: ['$dims.w', '$dims.h'] } }, ['beta']],
    ['_id by ObjectId', { _id: ids.b }, ['beta']],
  ])('%s', async (_label, filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it('projects with $slice and $elemMatch', async () => {
    const doc = await t.db
      .collection('q')
      .findOne({ _id: ids.a }, { projection: { tags: { $slice: 1 }, items: { $elemMatch: { qty: { $gt: 5 } } } } });
    expect(doc).toMatchObject({ tags: ['5g'], items: [{ sku: 'y', qty: 9 }] });
  });

  it('aggregates: $match, $unwind, $group, $sort, $project, $count, $facet, $sortByCount, $replaceRoot, $bucket', async () => {
    const c = t.db.collection('q');
    const bySku = await c
      .aggregate([
        { $unwind: '$items' },
        { $group: { _id: '$items.sku', total: { $sum: '$items.qty' }, n: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(bySku).toEqual([
      { _id: 'x', total: 9, n: 2 },
      { _id: 'y', total: 9, n: 1 },
    ]);
    const [facets] = await c
      .aggregate([
        {
          $facet: {
            count: [{ $match: { n: { $gt: 1 } } }, { $count: 'n' }],
            tags: [{ $unwind: '$tags' }, { $sortByCount: '$tags' }, { $sort: { _id: 1 } }],
            dims: [
              { $match: { dims: { $exists: true } } },
              { $replaceRoot: { newRoot: '$dims' } },
              { $sort: { w: 1 } },
            ],
            buckets: [
              { $bucket: { groupBy: '$n', boundaries: [0, 5, 100], default: 'other', output: { c: { $sum: 1 } } } },
            ],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({
      count: [{ n: 2 }],
      tags: [
        { _id: '5g', count: 1 },
        { _id: 'billing', count: 1 },
        { _id: 'roaming', count: 1 },
      ],
      dims: [
        { w: 2, h: 3 },
        { w: 4, h: 1 },
      ],
      buckets: [
        { _id: 0, c: 1 },
        { _id: 5, c: 2 },
      ],
    });
  });

  it('joins with $lookup, by fields and by pipeline', async () => {
    await t.db.collection('orders').insertMany([
      { customer: ids.a, amount: 30 },
      { customer: ids.a, amount: 12 },
      { customer: ids.b, amount: 5 },
    ]);
    const joined = await t.db
      .collection('q')
      .aggregate([
        { $match: { n: { $lt: 10 } } },
        { $lookup: { from: 'orders', localField: '_id', foreignField: 'customer', as: 'orders' } },
        {
          $lookup: {
            from: 'orders',
            let: { id: '$_id' },
            pipeline: [
              { $match: { $expr: { $eq: ['$customer', '$$id'] } } },
              { $group: { _id: null, sum: { $sum: '$amount' } } },
            ],
            as: 'totals',
          },
        },
        { $project: { _id: 0, name: 1, orders: { $size: '$orders' }, total: { $first: '$totals.sum' } } },
        { $sort: { name: 1 } },
      ])
      .toArray();
    expect(joined).toEqual([
      { name: 'Alpha', orders: 2, total: 42 },
      { name: 'beta', orders: 1, total: 5 },
    ]);
  });

  it('enforces unique indexes on insert, update and upsert, with keyPattern and keyValue', async () => {
    const c = t.db.collection('uniq');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@x' });
    const insert = await c.insertOne({ email: 'a@x' }).catch((e) => e);
    expect(insert).toMatchObject({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@x' } });
    expect(insert.message).toMatch(/E11000 duplicate key error collection: .*uniq index: email_1 dup key/);
    await c.insertOne({ email: 'b@x' });
    await expect(c.updateOne({ email: 'b@x' }, { $set: { email: 'a@x' } })).rejects.toMatchObject({ code: 11000 });
    await expect(
      c.updateOne({ email: 'c@x', other: 1 }, { $set: { email: 'a@x' } }, { upsert: true }),
    ).rejects.toMatchObject({ code: 11000 });
    expect(await c.countDocuments()).toBe(2);
  });

  it('enforces compound unique indexes, treating a missing field as null', async () => {
    const c = t.db.collection('compound');
    await c.createIndex({ board: 1, user: 1 }, { unique: true, name: 'board_user' });
    await c.insertMany([{ board: 1, user: 1 }, { board: 1, user: 2 }, { board: 2, user: 1 }, { board: 3 }]);
    await expect(c.insertOne({ board: 1, user: 2 })).rejects.toMatchObject({
      code: 11000,
      keyValue: { board: 1, user: 2 },
    });
    await expect(c.insertOne({ board: 3, user: null })).rejects.toMatchObject({ code: 11000 });
  });

  it('skips documents without the field in sparse and partial unique indexes', async () => {
    const c = t.db.collection('sparse');
    await c.createIndex({ code: 1 }, { unique: true, sparse: true });
    await c.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { email: { $type: 'string' } } });
    await c.insertMany([{ a: 1 }, { a: 2 }, { email: null }, { email: null }]);
    await expect(c.insertOne({ code: 'x' })).resolves.toBeDefined();
    await expect(c.insertOne({ code: 'x' })).rejects.toMatchObject({ code: 11000 });
  });

  it('lists and drops indexes', async () => {
    const c = t.db.collection('idx');
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: -1, c: 1 }, name: 'bc' }]);
    expect((await c.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'a_1', 'bc']);
    await c.dropIndex('bc');
    expect((await c.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'a_1']);
    await expect(c.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
  });

  it('uses an index for equality and $in, including a compound index prefix, and explain says which', async () => {
    const c = t.db.collection('planned');
    await c.createIndex({ board: 1, score: -1 }, { name: 'board_score' });
    await c.insertMany(Array.from({ length: 2_000 }, (_, i) => ({ board: `b${i % 100}`, score: i })));
    const indexed = JSON.stringify(await c.find({ board: { $in: ['b1', 'b2'] }, score: { $gt: 10 } }).explain());
    expect(indexed).toContain('IXSCAN');
    expect(indexed).toContain('board_score');
    expect(JSON.stringify(await c.find({ score: 5 }).explain())).toContain('COLLSCAN');
    expect(await c.countDocuments({ board: { $in: ['b1', 'b2'] }, score: { $gt: 10 } })).toBe(38); // 20 docs per board, minus scores 1 and 2
  });

  (isRealMongo ? it.skip : it)('removes documents past their TTL on the sweep (embedded engine)', async () => {
    const c = t.db.collection('ttl');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    await c.insertMany([{ at: new Date(Date.now() - 120_000) }, { at: new Date() }, { at: 'not a date' }]);
    expect(await t.engine!.sweepExpired()).toBe(1);
    expect(await c.countDocuments()).toBe(2);
  });
});
