import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose from 'mongoose';
import { conformanceTarget, type ConformanceTarget } from './conformance-target.js';

describe('sessions and transactions as MongoDB answers them', () => {
  let t: ConformanceTarget;
  beforeAll(async () => {
    t = await conformanceTarget();
    await t.db.createCollection('accounts');
  });
  afterAll(async () => {
    await t.close();
  });

  it('commits all writes together, invisible to others until then', async () => {
    const accounts = t.db.collection('accounts');
    await accounts.insertMany([
      { _id: 'alice', balance: 100 },
      { _id: 'bob', balance: 0 },
    ] as never[]);
    const session = t.client.startSession();
    session.startTransaction();
    await accounts.updateOne({ _id: 'alice' as never }, { $inc: { balance: -30 } }, { session });
    await accounts.updateOne({ _id: 'bob' as never }, { $inc: { balance: 30 } }, { session });
    // Inside: its own writes. Outside: the committed state.
    expect((await accounts.findOne({ _id: 'bob' as never }, { session }))!.balance).toBe(30);
    expect((await accounts.findOne({ _id: 'bob' as never }))!.balance).toBe(0);
    await session.commitTransaction();
    await session.endSession();
    expect(await accounts.find({}, { sort: { _id: 1 } }).toArray()).toEqual([
      { _id: 'alice', balance: 70 },
      { _id: 'bob', balance: 30 },
    ]);
  });

  it('checks unique keys against the transaction’s own writes as they change', async () => {
    const tags = t.db.collection('tx_unique_tags');
    await tags.createIndex({ name: 1 }, { unique: true });
    const session = t.client.startSession();
    session.startTransaction();
    await tags.insertMany(Array.from({ length: 500 }, (_, i) => ({ _id: i, name: `tag-${i}` })) as never[], {
      session,
    });
    // Renaming frees the old key for another document, and takes the new one.
    await tags.updateOne({ _id: 7 } as never, { $set: { name: 'renamed' } }, { session });
    await tags.insertOne({ _id: 1000, name: 'tag-7' } as never, { session });
    await expect(tags.insertOne({ _id: 1001, name: 'renamed' } as never, { session })).rejects.toMatchObject({
      code: 11000,
    });
    await session.abortTransaction();
    session.startTransaction();
    await tags.insertOne({ _id: 1, name: 'a' } as never, { session });
    await tags.deleteOne({ _id: 1 } as never, { session });
    await tags.insertOne({ _id: 2, name: 'a' } as never, { session });
    await session.commitTransaction();
    await session.endSession();
    expect(await tags.find({}).toArray()).toEqual([{ _id: 2, name: 'a' }]);
  });

  it('finds its own writes by indexed fields as they are inserted, changed and removed', async () => {
    const rows = t.db.collection('tx_indexed_rows');
    await rows.createIndex({ key: 1, user: 1 }, { unique: true });
    await rows.insertOne({ _id: 'committed', key: 'k1', user: 1000, total: 5 } as never);
    const session = t.client.startSession();
    session.startTransaction();
    await rows.insertMany(
      Array.from({ length: 300 }, (_, i) => ({ _id: `r${i}`, key: `k${i % 3}`, user: i, total: 0 })) as never[],
      { session },
    );
    // Upserts by the compound key: of its own inserts, of committed rows, and new rows.
    await rows.bulkWrite(
      [
        { updateOne: { filter: { key: 'k2', user: 2 }, update: { $inc: { total: 2 } }, upsert: true } },
        { updateOne: { filter: { key: 'k1', user: 1000 }, update: { $inc: { total: 1 } }, upsert: true } },
        { updateOne: { filter: { key: 'k9', user: 9 }, update: { $inc: { total: 9 } }, upsert: true } },
      ],
      { session },
    );
    await rows.updateOne({ _id: 'r5' } as never, { $set: { key: 'moved' } }, { session });
    await rows.deleteOne({ _id: 'r8' } as never, { session });
    const find = (filter: object) =>
      rows.find(filter, { session, sort: { _id: 1 }, projection: { _id: 0, user: 1, total: 1 } }).toArray();
    expect(await find({ key: 'k2', user: { $in: [2, 5, 8] } })).toEqual([{ user: 2, total: 2 }]);
    expect(await find({ key: 'moved' })).toEqual([{ user: 5, total: 0 }]);
    expect(await find({ key: 'k1', user: 1000 })).toEqual([{ user: 1000, total: 6 }]);
    expect(await find({ key: 'k9' })).toEqual([{ user: 9, total: 9 }]);
    await session.commitTransaction();
    await session.endSession();
    expect(await rows.countDocuments({ key: 'k2' })).toBe(98);
    expect(await rows.countDocuments({})).toBe(301);
  });

  it('discards everything on abort', async () => {
    const accounts = t.db.collection('accounts');
    const session = t.client.startSession();
    session.startTransaction();
    await accounts.insertOne({ _id: 'carol', balance: 5 } as never, { session });
    await accounts.deleteOne({ _id: 'alice' as never }, { session });
    await session.abortTransaction();
    await session.endSession();
    expect(await accounts.findOne({ _id: 'carol' as never })).toBeNull();
    expect(await accounts.findOne({ _id: 'alice' as never })).not.toBeNull();
  });

  it('answers a second writer of the same document with WriteConflict (112, TransientTransactionError)', async () => {
    const accounts = t.db.collection('accounts');
    const first = t.client.startSession();
    const second = t.client.startSession();
    first.startTransaction();
    second.startTransaction();
    await accounts.updateOne({ _id: 'alice' as never }, { $inc: { balance: 1 } }, { session: first });
    const error = await accounts
      .updateOne({ _id: 'alice' as never }, { $inc: { balance: 1 } }, { session: second })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 112, codeName: 'WriteConflict' });
    expect(error.hasErrorLabel('TransientTransactionError')).toBe(true);
    await first.commitTransaction();
    await second.abortTransaction().catch(() => undefined);
    await first.endSession();
    await second.endSession();
  });

  it('retries conflicting transactions (withTransaction) to the exact final state', async () => {
    const counters = t.db.collection('counters');
    await counters.insertOne({ _id: 'votes', n: 0, log: [] } as never);
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const session = t.client.startSession();
        try {
          await session.withTransaction(async () => {
            const current = await counters.findOne({ _id: 'votes' as never }, { session });
            await counters.updateOne(
              { _id: 'votes' as never },
              { $set: { n: current!.n + 1 }, $push: { log: i } } as never,
              { session },
            );
          });
        } finally {
          await session.endSession();
        }
      }),
    );
    const doc = await counters.findOne({ _id: 'votes' as never });
    expect(doc!.n).toBe(20);
    expect([...doc!.log].sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('answers commands of an unknown transaction with NoSuchTransaction (251)', async () => {
    const session = t.client.startSession();
    session.startTransaction();
    await t.db.collection('accounts').findOne({}, { session });
    await session.abortTransaction();
    const error = await t.db
      .command(
        { find: 'accounts', lsid: session.id, txnNumber: session.serverSession!.txnNumber, autocommit: false },
        { session: undefined },
      )
      .catch((e) => e);
    expect(error).toMatchObject({ code: 251 });
    await session.endSession();
  });

  it('runs mongoose models with schema indexes, populate and connection.transaction()', async () => {
    const connection = await mongoose.createConnection(t.uri, { dbName: t.db.databaseName }).asPromise();
    try {
      const Author = connection.model('Author', new mongoose.Schema({ handle: { type: String, unique: true } }));
      const Post = connection.model(
        'Post',
        new mongoose.Schema({ title: String, author: { type: mongoose.Schema.Types.ObjectId, ref: 'Author' } }),
      );
      await Author.init();
      const author = await Author.create({ handle: 'wei' });
      await connection.transaction(async (session) => {
        await Post.create(
          [
            { title: 'First', author: author._id },
            { title: 'Second', author: author._id },
          ],
          { session, ordered: true },
        );
      });
      const posts = await Post.find().sort({ title: 1 }).populate<{ author: { handle: string } }>('author').lean();
      expect(posts.map((p) => [p.title, p.author.handle])).toEqual([
        ['First', 'wei'],
        ['Second', 'wei'],
      ]);
      expect(await Post.countDocuments({ author: author._id })).toBe(2);
      await expect(Author.create({ handle: 'wei' })).rejects.toMatchObject({ code: 11000 });
      await expect(
        connection.transaction(async (session) => {
          await Post.create([{ title: 'Doomed' }], { session });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await Post.countDocuments({ title: 'Doomed' })).toBe(0);
    } finally {
      await connection.close();
    }
  });
});
