// let variables, the writing stages $out and $merge, database-level aggregation, views and
// collMod, as MongoDB 7.0 answers them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Db, type Document, MongoClient, MongoServerError } from 'mongodb';
import { embeddedOnly, startTestMongo, type TestMongo } from './support/test-mongo.js';

let mongo: TestMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  mongo = await startTestMongo();
  client = await MongoClient.connect(mongo.uri);
  db = client.db(mongo.dbName);
  await db.collection('items').insertMany([
    { _id: 1, kind: 'a', qty: 5 },
    { _id: 2, kind: 'b', qty: 15 },
    { _id: 3, kind: 'a', qty: 25 },
  ] as never[]);
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await mongo.stop();
});

const serverError = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
};

describe('let variables', () => {
  it('binds $$variables in find, aggregate, update, delete and findAndModify', async () => {
    const items = db.collection('items');
    const found = await items.find({ $expr: { $gt: ['$qty', '$$min'] } }, { let: { min: 10 } }).toArray();
    expect(found.map((d) => d._id)).toEqual([2, 3]);
    const aggregated = await items
      .aggregate(
        [
          { $match: { $expr: { $eq: ['$kind', '$$kind'] } } },
          { $project: { doubled: { $multiply: ['$qty', '$$factor'] } } },
        ],
        {
          let: { kind: 'a', factor: 2 },
        },
      )
      .toArray();
    expect(aggregated).toEqual([
      { _id: 1, doubled: 10 },
      { _id: 3, doubled: 50 },
    ]);
    const updated = await items.updateMany({ $expr: { $eq: ['$kind', '$$kind'] } }, [{ $set: { tag: '$$tag' } }], {
      let: { kind: 'b', tag: 'bee' },
    });
    expect(updated.modifiedCount).toBe(1);
    expect(await items.findOne({ _id: 2 } as never)).toMatchObject({ tag: 'bee' });
    const modified = await items.findOneAndUpdate(
      { $expr: { $eq: ['$_id', '$$id'] } },
      { $set: { seen: true } },
      {
        let: { id: 1 },
        returnDocument: 'after',
      },
    );
    expect(modified).toMatchObject({ _id: 1, seen: true });
    await db.collection('scratch').insertMany([{ n: 1 }, { n: 2 }]);
    const deleted = await db.collection('scratch').deleteMany({ $expr: { $eq: ['$n', '$$n'] } }, { let: { n: 2 } });
    expect(deleted.deletedCount).toBe(1);
  });

  it('rejects a variable name MongoDB does not allow', async () => {
    const error = await serverError(
      db
        .collection('items')
        .find({}, { let: { Upper: 1 } })
        .toArray(),
    );
    expect(error.codeName).toBe('FailedToParse');
  });
});

describe('$out and $merge', () => {
  it('$out replaces the target collection with the results and keeps its indexes', async () => {
    await db.collection('totals').insertOne({ stale: true });
    await db.collection('totals').createIndex({ total: 1 });
    const returned = await db
      .collection('items')
      .aggregate([{ $group: { _id: '$kind', total: { $sum: '$qty' } } }, { $sort: { _id: 1 } }, { $out: 'totals' }])
      .toArray();
    expect(returned).toEqual([]);
    expect(await db.collection('totals').find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', total: 30 },
      { _id: 'b', total: 15 },
    ]);
    expect((await db.collection('totals').indexes()).map((i) => i.name)).toContain('total_1');
  });

  it('$merge merges matched documents and inserts the rest', async () => {
    await db.collection('summary').insertOne({ _id: 'a', note: 'kept' } as never);
    await db
      .collection('items')
      .aggregate([{ $group: { _id: '$kind', total: { $sum: '$qty' } } }, { $merge: { into: 'summary' } }])
      .toArray();
    expect(await db.collection('summary').find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', note: 'kept', total: 30 },
      { _id: 'b', total: 15 },
    ]);
  });

  it('$merge with whenNotMatched: fail and a pipeline whenMatched', async () => {
    await db.collection('counters').insertOne({ _id: 'a', seen: 1 } as never);
    await db
      .collection('items')
      .aggregate([
        { $match: { kind: 'a' } },
        { $group: { _id: '$kind', n: { $sum: 1 } } },
        {
          $merge: {
            into: 'counters',
            whenMatched: [{ $set: { seen: { $add: ['$seen', '$$new.n'] } } }],
            whenNotMatched: 'fail',
          },
        },
      ])
      .toArray();
    expect(await db.collection('counters').findOne({ _id: 'a' } as never)).toEqual({ _id: 'a', seen: 3 });
    const error = await serverError(
      db
        .collection('items')
        .aggregate([{ $group: { _id: 'zzz' } }, { $merge: { into: 'counters', whenNotMatched: 'fail' } }])
        .toArray(),
    );
    expect(error.code).toBe(13113);
  });

  it('refuses $out under linearizable read concern', async () => {
    const error = await serverError(
      db
        .collection('items', { readConcern: { level: 'linearizable' } })
        .aggregate([{ $out: 'linear' }])
        .toArray(),
    );
    expect(error.codeName).toBe('InvalidOptions');
  });

  it('refuses $out anywhere but last', async () => {
    const error = await serverError(
      db
        .collection('items')
        .aggregate([{ $out: 'x' }, { $match: {} }])
        .toArray(),
    );
    expect(error.code).toBe(40601);
  });
});

describe('database-level aggregate', () => {
  it('runs $documents without a collection', async () => {
    const result = await db.aggregate([{ $documents: [{ x: 1 }, { x: 2 }] }, { $match: { x: 2 } }]).toArray();
    expect(result).toEqual([{ x: 2 }]);
  });

  it('lists the current operation on admin, and refuses $currentOp elsewhere', async () => {
    const ops = await client
      .db('admin')
      .aggregate([{ $currentOp: {} }])
      .toArray();
    expect(ops.length).toBeGreaterThan(0);
    const error = await serverError(db.aggregate([{ $currentOp: {} }]).toArray());
    expect(error.codeName).toBe('InvalidNamespace');
  });

  it('lists local sessions in use', async () => {
    const session = client.startSession();
    try {
      await db.collection('items').findOne({}, { session });
      const sessions = await client
        .db('config')
        .aggregate([{ $listLocalSessions: {} }])
        .toArray();
      expect(sessions.some((s: Document) => s._id.id.toString('hex') === session.id!.id.toString('hex'))).toBe(true);
    } finally {
      await session.endSession();
    }
  });

  it('needs a collection for other stages', async () => {
    const error = await serverError(db.aggregate([{ $match: {} }]).toArray());
    expect(error.codeName).toBe('InvalidNamespace');
  });
});

describe('views', () => {
  beforeAll(async () => {
    await db.createCollection('big-items', { viewOn: 'items', pipeline: [{ $match: { qty: { $gte: 10 } } }] });
    await db.createCollection('big-a', { viewOn: 'big-items', pipeline: [{ $match: { kind: 'a' } }] });
  });

  it('answers find, count, estimatedDocumentCount, distinct and aggregate through the pipeline', async () => {
    const view = db.collection('big-items');
    expect((await view.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual([2, 3]);
    expect(await view.countDocuments()).toBe(2);
    expect(await view.estimatedDocumentCount()).toBe(2);
    expect((await view.distinct('kind')).sort()).toEqual(['a', 'b']);
    expect(
      await db
        .collection('big-a')
        .aggregate([{ $project: { _id: 1 } }])
        .toArray(),
    ).toEqual([{ _id: 3 }]);
  });

  it('is listed as a view and refuses writes and indexes', async () => {
    const [info] = await db.listCollections({ name: 'big-items' }).toArray();
    expect(info.type).toBe('view');
    const write = await serverError(db.collection('big-items').insertOne({ x: 1 }));
    expect(write.codeName).toBe('CommandNotSupportedOnView');
    const index = await serverError(db.collection('big-items').createIndex({ x: 1 }));
    expect(index.codeName).toBe('CommandNotSupportedOnView');
  });

  it('is redefined by collMod', async () => {
    await db.command({ collMod: 'big-a', viewOn: 'items', pipeline: [{ $match: { kind: 'b' } }] });
    expect((await db.collection('big-a').find().toArray()).map((d) => d._id)).toEqual([2]);
  });
});

describe('collMod', () => {
  it("changes a TTL index's expireAfterSeconds and reports old and new", async () => {
    await db.collection('sessions').createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    const reply = await db.command({ collMod: 'sessions', index: { keyPattern: { at: 1 }, expireAfterSeconds: 120 } });
    expect(reply).toMatchObject({ expireAfterSeconds_old: 60, expireAfterSeconds_new: 120 });
    const index = (await db.collection('sessions').indexes()).find((i) => i.name === 'at_1');
    expect(index?.expireAfterSeconds).toBe(120);
  });

  it('hides an index from the planner: a hint naming it is refused until it is unhidden', async () => {
    const coll = db.collection('hideable');
    await coll.insertOne({ k: 1 });
    await coll.createIndex({ k: 1 });
    const reply = await db.command({ collMod: 'hideable', index: { name: 'k_1', hidden: true } });
    expect(reply).toMatchObject({ hidden_old: false, hidden_new: true });
    expect((await serverError(coll.find({ k: 1 }).hint('k_1').toArray())).codeName).toBe('BadValue');
    await db.command({ collMod: 'hideable', index: { name: 'k_1', hidden: false } });
    expect(await coll.find({ k: 1 }).hint('k_1').toArray()).toHaveLength(1);
  });

  it('answers IndexNotFound and NamespaceNotFound', async () => {
    expect(
      (await serverError(db.command({ collMod: 'sessions', index: { name: 'nope', hidden: true } }))).codeName,
    ).toBe('IndexNotFound');
    expect((await serverError(db.command({ collMod: 'missing-coll' }))).codeName).toBe('NamespaceNotFound');
  });
});

embeddedOnly('document validation (not implemented by the engine)', () => {
  it('refuses a validator rather than accepting a rule it would not enforce', async () => {
    const error = await serverError(db.createCollection('validated', { validator: { x: { $type: 'int' } } }));
    expect(error.codeName).toBe('InvalidOptions');
    expect((await serverError(db.command({ collMod: 'items', validator: {} }))).codeName).toBe('InvalidOptions');
  });
});
