import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection, Schema, Types } from 'mongoose';
import { startTestMongo, type TestMongo } from './support/test-mongo.js';

let mongo: TestMongo;
let conn: Connection;

interface User {
  handle: string;
  email: string;
  reputation: number;
}
interface Question {
  title: string;
  author: Types.ObjectId;
  votes: number;
  tags: string[];
}

const userSchema = new Schema<User>({
  handle: { type: String, required: true, unique: true },
  email: { type: String, required: true },
  reputation: { type: Number, default: 1 },
});
userSchema.index({ email: 1 }, { unique: true });
const questionSchema = new Schema<Question>(
  {
    title: String,
    author: { type: Schema.Types.ObjectId, ref: 'User' },
    votes: { type: Number, default: 0 },
    tags: [String],
  },
  { timestamps: true },
);
questionSchema.index({ author: 1, createdAt: -1 });

beforeAll(async () => {
  mongo = await startTestMongo();
  conn = await mongoose.createConnection(mongo.uri, { dbName: mongo.dbName }).asPromise();
});

afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
  await mongo.stop();
});

describe('mongoose on the engine', () => {
  it('builds schema indexes and enforces unique ones', async () => {
    const User = conn.model<User>('User', userSchema);
    await User.init();
    const names = (await User.listIndexes()).map((i) => i.name).sort();
    expect(names).toEqual(['_id_', 'email_1', 'handle_1']);
    await User.create({ handle: 'ada', email: 'ada@x.io' });
    const err = await User.create({ handle: 'ada', email: 'other@x.io' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000, keyValue: { handle: 'ada' } });
    await User.syncIndexes();
    expect((await User.listIndexes()).length).toBe(3);
  });

  it('queries, updates, counts and populates', async () => {
    const User = conn.model<User>('User');
    const Question = conn.model<Question>('Question', questionSchema);
    await Question.init();
    const ada = await User.findOne({ handle: 'ada' }).orFail();
    await Question.create([
      { title: 'How?', author: ada._id, tags: ['a'] },
      { title: 'Why?', author: ada._id, tags: ['a', 'b'], votes: 3 },
    ]);
    const top = await Question.find({ tags: 'a' })
      .sort({ votes: -1 })
      .limit(1)
      .populate<{ author: User }>('author')
      .lean();
    expect(top[0]!.title).toBe('Why?');
    expect(top[0]!.author.handle).toBe('ada');
    expect(await Question.countDocuments({ author: ada._id })).toBe(2);
    const updated = await Question.findOneAndUpdate(
      { title: 'How?' },
      { $inc: { votes: 1 } },
      { returnDocument: 'after' },
    ).lean();
    expect(updated!.votes).toBe(1);
    expect((updated as unknown as { updatedAt: Date }).updatedAt).toBeInstanceOf(Date);
    const agg = await Question.aggregate<{ _id: null; total: number }>([
      { $group: { _id: null, total: { $sum: '$votes' } } },
    ]);
    expect(agg[0]!.total).toBe(4);
  });

  it('commits connection.transaction() atomically and rolls back on throw', async () => {
    const User = conn.model<User>('User');
    await conn.transaction(async (session) => {
      await User.create([{ handle: 'bob', email: 'bob@x.io' }], { session });
      await User.updateOne({ handle: 'ada' }, { $inc: { reputation: 10 } }, { session });
    });
    expect(await User.exists({ handle: 'bob' })).toBeTruthy();
    expect((await User.findOne({ handle: 'ada' }).lean())!.reputation).toBe(11);

    await expect(
      conn.transaction(async (session) => {
        await User.create([{ handle: 'carol', email: 'carol@x.io' }], { session });
        throw new Error('rollback please');
      }),
    ).rejects.toThrow('rollback please');
    expect(await User.exists({ handle: 'carol' })).toBeNull();
  });
});
