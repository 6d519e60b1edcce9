// The engine's storage under load: readers are answered while a large transaction writes, and see
// it only once committed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { conformanceTarget, type ConformanceTarget } from './conformance-target.js';

describe('storage under a large transaction', () => {
  let t: ConformanceTarget;
  beforeAll(async () => {
    t = await conformanceTarget();
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps answering readers while a 20,000-document transaction writes, which they see only once committed', async () => {
    const posts = t.db.collection<{ _id: number; [field: string]: unknown }>('large_txn_posts');
    await posts.createIndex({ board: 1, score: -1 });
    await posts.insertOne({ _id: -1, board: 'probe', score: 0 });
    const BATCHES = 20;
    const BATCH = 1000;
    let isOpen = true;
    let answeredWhileOpen = 0;
    let sawUncommitted = false;
    const reader = (async () => {
      while (isOpen) {
        const probe = await posts.findOne({ _id: -1 });
        const visible = await posts.countDocuments({ board: 'txn' });
        if (!isOpen) break;
        expect(probe?.board).toBe('probe');
        if (visible > 0) sawUncommitted = true;
        answeredWhileOpen++;
      }
    })();

    const session = t.client.startSession();
    session.startTransaction();
    for (let b = 0; b < BATCHES; b++) {
      const batch = Array.from({ length: BATCH }, (_, k) => ({
        _id: b * BATCH + k,
        board: 'txn',
        score: k,
        text: 'x'.repeat(500),
      }));
      await posts.insertMany(batch, { session });
    }
    await session.commitTransaction();
    isOpen = false;
    await session.endSession();
    await reader;

    expect(sawUncommitted).toBe(false);
    // The reader went on during the transaction's twenty statements (reads do not queue behind them).
    expect(answeredWhileOpen).toBeGreaterThanOrEqual(BATCHES / 2);
    expect(await posts.countDocuments({ board: 'txn' })).toBe(BATCHES * BATCH);
    const top = await posts.find({ board: 'txn' }).sort({ score: -1 }).limit(3).toArray();
    expect(top.map((p) => p.score)).toEqual([999, 999, 999]);
  }, 120_000);
});
