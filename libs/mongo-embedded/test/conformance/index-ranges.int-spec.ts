// Ranges, sorts and sort+limit answered from indexes, as explain reports them, and MongoDB's
// documented sort order across types ("Comparison/Sort Order"). Runs against MongoDB too.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Collection, type Document, ObjectId } from 'mongodb';
import { conformanceTarget, type ConformanceTarget } from '../conformance-target.js';

/** Every plan stage, however deep (MongoDB nests them as inputStage/inputStages). */
function stages(plan: Document): Document[] {
  const children = [plan.inputStage, ...((plan.inputStages as Document[]) ?? []), plan.queryPlan].filter(Boolean);
  return [plan, ...children.flatMap((child) => stages(child as Document))];
}
type AnyIdDoc = { _id: number | string; [field: string]: unknown };
const winning = async (explained: Promise<Document>) => stages((await explained).queryPlanner.winningPlan as Document);

describe('ranges and sorts through indexes', () => {
  let t: ConformanceTarget;
  let c: Collection<AnyIdDoc>;

  beforeAll(async () => {
    t = await conformanceTarget();
    c = t.db.collection<AnyIdDoc>('ranged');
    await c.createIndex({ score: 1 }, { name: 'score_1' });
    await c.createIndex({ board: 1, at: -1 }, { name: 'board_at' });
    await c.insertMany(
      Array.from({ length: 1_000 }, (_, i) => ({
        _id: i,
        score: i % 100,
        board: `b${i % 10}`,
        at: new Date(i * 1000),
      })),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers $gt/$lte with an index scan and reports its bounds', async () => {
    const plan = await winning(c.find({ score: { $gt: 5, $lte: 7 } }).explain());
    const scan = plan.find((s) => s.stage === 'IXSCAN')!;
    expect(scan.indexName).toBe('score_1');
    expect(scan.indexBounds).toEqual({ score: ['(5, 7]'] });
    expect(await c.countDocuments({ score: { $gt: 5, $lte: 7 } })).toBe(20);
  });

  it('keeps a range within its type: {$gte: 98} is every number from 98 up', async () => {
    await c.insertMany([
      { _id: 'text', score: 'zzz' },
      { _id: 'long', score: 1e9 },
    ]);
    const scan = (await winning(c.find({ score: { $gte: 98 } }).explain())).find((s) => s.stage === 'IXSCAN')!;
    expect(scan.indexBounds).toEqual({ score: ['[98, inf.0]'] });
    expect((await c.find({ score: { $gte: 98 } }).toArray()).map((d) => d._id).sort()).toHaveLength(21);
    await c.deleteMany({ _id: { $in: ['text', 'long'] } });
  });

  it('sorts from the index, in either direction, and stops at the limit', async () => {
    for (const direction of [1, -1] as const) {
      const plan = await winning(c.find({}).sort({ score: direction }).limit(3).explain());
      expect(plan.map((s) => s.stage)).not.toContain('SORT');
      const scan = plan.find((s) => s.stage === 'IXSCAN')!;
      expect(scan.indexName).toBe('score_1');
      expect(scan.direction).toBe(direction === 1 ? 'forward' : 'backward');
      const scores = (await c.find({}).sort({ score: direction }).limit(3).toArray()).map((d) => d.score);
      expect(scores).toEqual(direction === 1 ? [0, 0, 0] : [99, 99, 99]);
    }
  });

  it('uses a compound index prefix for equality plus sort on the next field, or its reverse', async () => {
    for (const direction of [-1, 1] as const) {
      const query = c.find({ board: 'b3' }).sort({ at: direction }).limit(2);
      const plan = await winning(query.explain());
      expect(plan.map((s) => s.stage)).not.toContain('SORT');
      expect(plan.find((s) => s.stage === 'IXSCAN')!.indexName).toBe('board_at');
      const ids = (await c.find({ board: 'b3' }).sort({ at: direction }).limit(2).toArray()).map((d) => d._id);
      expect(ids).toEqual(direction === -1 ? [993, 983] : [3, 13]);
    }
  });

  it('ranges over a compound index prefix', async () => {
    const filter = { board: { $gte: 'b8' }, at: { $lt: new Date(100_000) } };
    const scan = (await winning(c.find(filter).explain())).find((s) => s.stage === 'IXSCAN')!;
    expect(scan.indexName).toBe('board_at');
    expect((await c.find(filter).toArray()).map((d) => Number(d._id)).sort((a, b) => a - b)).toEqual([
      8, 9, 18, 19, 28, 29, 38, 39, 48, 49, 58, 59, 68, 69, 78, 79, 88, 89, 98, 99,
    ]);
  });

  it('sorts in memory when no index gives the order (a SORT stage)', async () => {
    const plan = await winning(c.find({ score: 5 }).sort({ board: 1 }).explain());
    expect(plan.map((s) => s.stage)).toContain('SORT');
  });

  it('follows a hint, and rejects one naming no index', async () => {
    const plan = await winning(c.find({ score: 5 }).hint('board_at').explain());
    expect(plan.find((s) => s.stage === 'IXSCAN')!.indexName).toBe('board_at');
    expect(await c.find({ score: 5 }).hint('board_at').toArray()).toHaveLength(10);
    expect(await c.find({ score: 5 }).hint({ $natural: 1 }).toArray()).toHaveLength(10);
    await expect(c.find({ score: 5 }).hint('nope').toArray()).rejects.toMatchObject({ code: 2 });
  });
});

describe('sort order across types, as MongoDB documents it', () => {
  let t: ConformanceTarget;
  beforeAll(async () => {
    t = await conformanceTarget();
  });
  afterAll(async () => {
    await t.close();
  });

  const values: [string, unknown][] = [
    ['null', null],
    ['number', 1],
    ['double', 2.5],
    ['string', 'a'],
    ['object', { x: 1 }],
    ['array', [[7]]],
    ['objectId', new ObjectId('5f0000000000000000000001')],
    ['bool', false],
    ['date', new Date(0)],
    ['regex', /x/],
  ];

  for (const isIndexed of [false, true]) {
    it(`orders null < numbers < strings < objects < arrays < ObjectId < booleans < dates < regexes (${isIndexed ? 'index' : 'scan'})`, async () => {
      const c = t.db.collection<AnyIdDoc>(`types_${isIndexed}`);
      if (isIndexed) await c.createIndex({ v: 1 });
      await c.insertMany([...values].reverse().map(([name, v]) => ({ _id: name, v })));
      await c.insertOne({ _id: 'missing' });
      const ascending = (await c.find({}).sort({ v: 1, _id: 1 }).toArray()).map((d) => d._id);
      expect(ascending).toEqual([
        'missing',
        'null',
        'number',
        'double',
        'string',
        'object',
        'array',
        'objectId',
        'bool',
        'date',
        'regex',
      ]);
    });
  }

  it('sorts an array by its smallest element ascending and its largest descending; [] below null', async () => {
    const c = t.db.collection<AnyIdDoc>('arrays');
    await c.createIndex({ v: 1 });
    await c.insertMany([
      { _id: 'wide', v: [1, 9] },
      { _id: 'five', v: 5 },
      { _id: 'empty', v: [] },
      { _id: 'null', v: null },
    ]);
    for (const hint of [{ v: 1 }, { $natural: 1 }]) {
      const up = (await c.find({}).sort({ v: 1 }).hint(hint).toArray()).map((d) => d._id);
      const down = (await c.find({}).sort({ v: -1 }).hint(hint).toArray()).map((d) => d._id);
      expect(up).toEqual(['empty', 'null', 'wide', 'five']);
      expect(down).toEqual(['wide', 'five', 'null', 'empty']);
    }
    expect((await c.find({ v: { $gt: 4 } }).toArray()).map((d) => d._id).sort()).toEqual(['five', 'wide']);
  });
});
