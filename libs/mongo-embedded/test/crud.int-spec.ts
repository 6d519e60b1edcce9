import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Long, MongoServerError, ObjectId } from 'mongodb';
import { conformanceTarget, type ConformanceTarget } from './conformance-target.js';

describe('CRUD as MongoDB answers it', () => {
  let t: ConformanceTarget;
  beforeAll(async () => {
    t = await conformanceTarget();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers ping and hello as a writable replica-set primary with sessions', async () => {
    expect(await t.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    const hello = await t.db.admin().command({ hello: 1 });
    expect(hello).toMatchObject({ isWritablePrimary: true, ok: 1 });
    expect(hello.setName).toBeDefined();
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
  });

  it('answers an unknown command with code 59 CommandNotFound', async () => {
    await expect(t.db.command({ noSuchCommand: 1 })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' });
  });

  it('inserts, generating _id, and finds with filter, projection, sort, skip and limit', async () => {
    const c = t.db.collection('people');
    const result = await c.insertMany([
      { name: 'Ann', age: 31, city: 'Shanghai' },
      { name: 'Bo', age: 25, city: 'Beijing' },
      { name: 'Cai', age: 40, city: 'Shanghai' },
      { name: 'Dee', age: 19, city: 'Shenzhen' },
    ]);
    expect(Object.values(result.insertedIds).every((id) => id instanceof ObjectId)).toBe(true);
    const found = await c
      .find({ city: 'Shanghai' }, { projection: { _id: 0, name: 1 } })
      .sort({ age: -1 })
      .toArray();
    expect(found).toEqual([{ name: 'Cai' }, { name: 'Ann' }]);
    const page = await c.find({}).sort({ age: 1 }).skip(1).limit(2).project({ _id: 0, name: 1 }).toArray();
    expect(page).toEqual([{ name: 'Bo' }, { name: 'Ann' }]);
  });

  it('returns results across several getMore batches, each document once', async () => {
    const c = t.db.collection('many');
    await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const seen = await c.find({}, { batchSize: 40 }).sort({ i: 1 }).toArray();
    expect(seen.map((d) => d.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const cursor = c.find({}, { batchSize: 10 });
    await cursor.next();
    await cursor.close(); // killCursors
  });

  it('applies update operators', async () => {
    const c = t.db.collection('updates');
    const { insertedId } = await c.insertOne({
      n: 5,
      tags: ['a', 'b'],
      scores: [3, 9, 1],
      nested: { x: 1 },
      old: 1,
      items: [
        { k: 'p', q: 1 },
        { k: 'r', q: 2 },
      ],
    });
    await c.updateOne(
      { _id: insertedId },
      {
        $inc: { n: 2 },
        $set: { 'nested.y': 2 },
        $unset: { old: '' },
        $push: { scores: { $each: [7, 5], $sort: -1, $slice: 3 } },
        $addToSet: { tags: 'a' },
        $max: { high: 10 },
        $currentDate: { touchedAt: true },
      } as any, // the driver's types do not model $push modifiers on an untyped collection
    );
    await c.updateOne({ _id: insertedId }, {
      $mul: { n: 3 },
      $pull: { tags: 'b' },
      $rename: { nested: 'inner' },
    } as any);
    await c.updateOne({ _id: insertedId, 'items.k': 'r' }, { $set: { 'items.$.q': 20 } });
    await c.updateOne({ _id: insertedId }, { $inc: { 'items.$[it].q': 100 } }, { arrayFilters: [{ 'it.k': 'p' }] });
    const doc = await c.findOne({ _id: insertedId });
    expect(doc).toMatchObject({
      n: 21,
      tags: ['a'],
      scores: [9, 7, 5],
      inner: { x: 1, y: 2 },
      high: 10,
      items: [
        { k: 'p', q: 101 },
        { k: 'r', q: 20 },
      ],
    });
    expect(doc!.old).toBeUndefined();
    expect(doc!.touchedAt).toBeInstanceOf(Date);
  });

  it('upserts with $setOnInsert only on insert', async () => {
    const c = t.db.collection('upserts');
    const first = await c.updateOne(
      { key: 'k1' },
      { $set: { v: 1 }, $setOnInsert: { createdBy: 'upsert' } },
      { upsert: true },
    );
    expect(first.upsertedCount).toBe(1);
    await c.updateOne({ key: 'k1' }, { $set: { v: 2 }, $setOnInsert: { createdBy: 'second' } }, { upsert: true });
    expect(await c.findOne({ key: 'k1' }, { projection: { _id: 0 } })).toEqual({
      key: 'k1',
      v: 2,
      createdBy: 'upsert',
    });
  });

  it('replaces a document keeping its _id', async () => {
    const c = t.db.collection('replace');
    const { insertedId } = await c.insertOne({ a: 1, b: 2 });
    await c.replaceOne({ _id: insertedId }, { c: 3 });
    expect(await c.findOne({ _id: insertedId })).toEqual({ _id: insertedId, c: 3 });
  });

  it.each([
    ['conflicting paths', { $set: { a: 1 }, $inc: { a: 1 } }, 40],
    ['changing _id', { $set: { _id: 'other' } }, 66],
    ['$inc on a string', { $inc: { name: 1 } }, 14],
  ])('rejects an invalid update (%s) with its code and leaves the document untouched', async (_label, update, code) => {
    const c = t.db.collection('invalid');
    const { insertedId } = await c.insertOne({ name: 'keep', a: 0 });
    await expect(c.updateOne({ _id: insertedId }, update)).rejects.toMatchObject({ code });
    expect(await c.findOne({ _id: insertedId })).toEqual({ _id: insertedId, name: 'keep', a: 0 });
  });

  it('findOneAndUpdate returns the document before or after, and upserts', async () => {
    const c = t.db.collection('fam');
    await c.insertOne({ k: 1, v: 1 });
    expect(await c.findOneAndUpdate({ k: 1 }, { $inc: { v: 1 } }, { projection: { _id: 0 } })).toEqual({ k: 1, v: 1 });
    expect(
      await c.findOneAndUpdate({ k: 1 }, { $inc: { v: 1 } }, { returnDocument: 'after', projection: { _id: 0 } }),
    ).toEqual({ k: 1, v: 3 });
    const inserted = await c.findOneAndUpdate(
      { k: 2 },
      { $set: { v: 9 } },
      { upsert: true, returnDocument: 'after', projection: { _id: 0 } },
    );
    expect(inserted).toEqual({ k: 2, v: 9 });
    expect(await c.findOneAndDelete({ k: 2 }, { projection: { _id: 0 } })).toEqual({ k: 2, v: 9 });
  });

  it('deletes one or many, counts and finds distinct values', async () => {
    const c = t.db.collection('deletes');
    await c.insertMany([
      { g: 'a', t: ['x', 'y'] },
      { g: 'a', t: ['y'] },
      { g: 'b', t: ['z'] },
    ]);
    expect((await c.distinct('t')).sort()).toEqual(['x', 'y', 'z']);
    expect(await c.countDocuments({ g: 'a' })).toBe(2);
    expect((await c.deleteOne({ g: 'a' })).deletedCount).toBe(1);
    expect((await c.deleteMany({})).deletedCount).toBe(2);
    expect(await c.countDocuments()).toBe(0);
  });

  it('keeps BSON types: ObjectId, Date, Long, nested arrays and null', async () => {
    const c = t.db.collection<{ _id: string; [key: string]: unknown }>('types');
    const ref = new ObjectId();
    const at = new Date('2026-01-02T03:04:05.678Z');
    await c.insertOne({
      _id: 'fixed',
      ref,
      at,
      big: Long.fromString('9007199254740993'),
      nested: [[1, 2], { a: null }],
    });
    const doc = await c.findOne({ _id: 'fixed' });
    expect(doc!.ref).toEqual(ref);
    expect(doc!.at).toEqual(at);
    expect(String(doc!.big)).toBe('9007199254740993');
    expect(doc!.nested).toEqual([[1, 2], { a: null }]);
    expect(await c.countDocuments({ at: { $gt: new Date('2026-01-01') } })).toBe(1);
  });

  it('answers creating an existing collection with code 48 NamespaceExists', async () => {
    await t.db.createCollection('once');
    const error = await t.db.createCollection('once').catch((e: MongoServerError) => e);
    expect(error).toMatchObject({ code: 48 });
  });
});
