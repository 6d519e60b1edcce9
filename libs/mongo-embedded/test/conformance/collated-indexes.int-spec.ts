// Collated indexes answer collated queries, as in MongoDB: an index bounds strings (and gives a
// sort) only for a query of the same collation; for another collation, or `simple`, it is not
// eligible for string bounds. Results and order follow ICU (en and zh, strengths 1–3, caseLevel,
// numericOrdering), whichever plan answers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CollationOptions, type Collection, type Db, type Document, MongoClient } from 'mongodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedMongo } from '../../src/index.js';
import { embeddedOnly, startTestMongo, type TestMongo } from './support/test-mongo.js';

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

/** The stages of a plan, outermost first (FETCH, IXSCAN, SORT, COLLSCAN…). */
function stagesOf(explained: Document): Document[] {
  const stages: Document[] = [];
  for (let stage = explained.queryPlanner.winningPlan as Document | undefined; stage; stage = stage.inputStage)
    stages.push(stage);
  return stages;
}

async function planOf(coll: Collection, filter: Document, collation?: CollationOptions, sort?: Document) {
  const explained = await coll.find(filter, { collation, sort }).explain('queryPlanner');
  return stagesOf(explained as Document);
}

const indexScan = (stages: Document[]) => stages.find((stage) => stage.stage === 'IXSCAN');

/** A collection of `values` under `field`, with one index of that collation on it. */
async function indexedWords(
  name: string,
  values: string[],
  collation: CollationOptions,
): Promise<Collection<Document>> {
  const coll = db.collection<Document>(name);
  await coll.insertMany(values.map((value, i) => ({ _id: i, w: value })) as never[]);
  await coll.createIndex({ w: 1 }, { collation, name: 'w_collated' });
  return coll;
}

const words = (docs: Document[]) => docs.map((doc) => doc.w as string);

describe('which queries use a collated index', () => {
  const caseInsensitive = { locale: 'en', strength: 2 };
  let coll: Collection;

  beforeAll(async () => {
    coll = await indexedWords('plans', ['Ada', 'ada', 'ADA', 'Bob', 'bob', 'Cy'], caseInsensitive);
  });

  it('scans the index for a query of the same collation, for equality, $in, ranges and the sort', async () => {
    for (const filter of [{ w: 'ada' }, { w: { $in: ['ADA', 'Cy'] } }, { w: { $gt: 'b' } }]) {
      const scan = indexScan(await planOf(coll, filter, caseInsensitive));
      expect(scan).toMatchObject({ indexName: 'w_collated', collation: { locale: 'en', strength: 2 } });
    }
    const sorted = await planOf(coll, {}, caseInsensitive, { w: 1 });
    expect(indexScan(sorted)?.indexName).toBe('w_collated');
    expect(sorted.some((stage) => stage.stage === 'SORT')).toBe(false);
  });

  it('does not bound strings with it for another collation or the simple one', async () => {
    for (const collation of [undefined, { locale: 'en', strength: 1 }, { locale: 'fr', strength: 2 }]) {
      const stages = await planOf(coll, { w: 'ada' }, collation);
      expect(indexScan(stages)).toBeUndefined();
      expect(stages.at(-1)?.stage).toBe('COLLSCAN');
    }
    // Nor is its order a sort for them.
    const sorted = await planOf(coll, {}, undefined, { w: 1 });
    expect(sorted.some((stage) => stage.stage === 'SORT')).toBe(true);
  });

  it('still bounds conditions without strings for any collation', async () => {
    const numbers = db.collection('plans-numbers');
    await numbers.insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await numbers.createIndex({ n: 1 }, { collation: caseInsensitive });
    const stages = await planOf(numbers, { n: { $gte: 2 } }, { locale: 'simple' });
    expect(indexScan(stages)?.indexBounds).toEqual({ n: ['[2, inf.0]'] });
  });

  it('gives the same answers through the index as the simple-collation scan filtered by hand', async () => {
    const found = await coll.find({ w: 'ADA' }, { collation: caseInsensitive }).sort({ _id: 1 }).toArray();
    expect(words(found)).toEqual(['Ada', 'ada', 'ADA']);
    const above = await coll
      .find({ w: { $gte: 'BOB' } }, { collation: caseInsensitive })
      .sort({ _id: 1 })
      .toArray();
    expect(words(above)).toEqual(['Bob', 'bob', 'Cy']);
    expect(await coll.countDocuments({ w: { $in: ['bob', 'cy'] } }, { collation: caseInsensitive })).toBe(3);
  });
});

describe('results and order through a collated index, by locale and strength', () => {
  const cases: {
    name: string;
    collation: CollationOptions;
    values: string[];
    sorted: string[];
    equalTo: [string, string[]];
  }[] = [
    {
      name: 'en strength 1 (base letters: case and accents ignored)',
      collation: { locale: 'en', strength: 1 },
      values: ['b', 'á', 'A', 'a', 'B'],
      sorted: ['á', 'A', 'a', 'b', 'B'],
      equalTo: ['a', ['á', 'A', 'a']],
    },
    {
      name: 'en strength 2 (accents count, case does not)',
      collation: { locale: 'en', strength: 2 },
      values: ['b', 'á', 'A', 'a', 'B'],
      sorted: ['A', 'a', 'á', 'b', 'B'],
      equalTo: ['a', ['A', 'a']],
    },
    {
      name: 'en strength 3 (case counts: lower first)',
      collation: { locale: 'en', strength: 3 },
      values: ['b', 'á', 'A', 'a', 'B'],
      sorted: ['a', 'A', 'á', 'b', 'B'],
      equalTo: ['a', ['a']],
    },
    {
      name: 'en strength 1 with caseLevel (case counts, accents do not)',
      collation: { locale: 'en', strength: 1, caseLevel: true },
      values: ['b', 'á', 'A', 'a', 'B'],
      sorted: ['á', 'a', 'A', 'b', 'B'],
      equalTo: ['a', ['á', 'a']],
    },
    {
      name: 'en numericOrdering (digits as numbers)',
      collation: { locale: 'en', numericOrdering: true },
      values: ['item10', 'item9', 'item1', 'item100'],
      sorted: ['item1', 'item9', 'item10', 'item100'],
      equalTo: ['item9', ['item9']],
    },
    {
      name: 'zh (pinyin order)',
      collation: { locale: 'zh' },
      values: ['中国', '北京', '上海', '阿里', '广州'],
      sorted: ['阿里', '北京', '广州', '上海', '中国'],
      equalTo: ['上海', ['上海']],
    },
  ];

  cases.forEach(({ name, collation, values, sorted, equalTo }, i) => {
    it(name, async () => {
      const coll = await indexedWords(`locale-${i}`, values, collation);
      const [wanted, equal] = equalTo;
      // Strings equal under the collation may come in either order among themselves.
      const ascending = words(await coll.find({}, { collation }).sort({ w: 1 }).toArray());
      expect(sameUpToTies(ascending, sorted, collation)).toBe(true);
      const descending = words(await coll.find({}, { collation }).sort({ w: -1 }).toArray());
      expect(sameUpToTies(descending, [...sorted].reverse(), collation)).toBe(true);
      expect(indexScan(await planOf(coll, {}, collation, { w: 1 }))?.indexName).toBe('w_collated');
      const found = words(await coll.find({ w: wanted }, { collation }).toArray());
      expect(found.sort()).toEqual([...equal].sort());
      expect(indexScan(await planOf(coll, { w: wanted }, collation))?.indexName).toBe('w_collated');
    });
  });
});

/** Whether `actual` lists `expected`'s strings in its order, strings equal under the collation aside. */
function sameUpToTies(actual: string[], expected: string[], collation: CollationOptions): boolean {
  const collator = collatorOf(collation);
  const isPermutation = [...actual].sort().join('|') === [...expected].sort().join('|');
  return isPermutation && actual.every((word, i) => collator.compare(word, expected[i]) === 0);
}

function collatorOf(collation: CollationOptions): Intl.Collator {
  const strength = collation.strength ?? 3;
  return new Intl.Collator(collation.locale, {
    sensitivity: strength === 1 ? (collation.caseLevel ? 'case' : 'base') : strength === 2 ? 'accent' : 'variant',
    numeric: collation.numericOrdering === true,
  });
}

embeddedOnly('a collated index kept in step with the documents', () => {
  const caseInsensitive = { locale: 'en', strength: 2 };

  it('is rebuilt from the documents when the engine reopens its data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'collated-index-'));
    try {
      let engine = await startEmbeddedMongo({ dataDir });
      let own = await MongoClient.connect(engine.uri);
      const coll = own.db('reopen').collection('names');
      await coll.createIndex({ n: 1 }, { collation: caseInsensitive });
      await coll.insertMany([{ n: 'Zed' }, { n: 'amy' }, { n: 'AMY' }]);
      await own.close();
      await engine.stop();
      engine = await startEmbeddedMongo({ dataDir });
      own = await MongoClient.connect(engine.uri);
      const reopened = own.db('reopen').collection('names');
      const found = await reopened.find({ n: 'Amy' }, { collation: caseInsensitive }).toArray();
      expect(found.map((d) => d.n).sort()).toEqual(['AMY', 'amy']);
      const explained = (await reopened.find({ n: 'Amy' }, { collation: caseInsensitive }).explain()) as Document;
      expect(indexScan(stagesOf(explained))).toBeDefined();
      await own.close();
      await engine.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps no entry of a write that failed, and sees updates and deletes', async () => {
    const coll = db.collection<{ _id: number; n: string; code: number }>('in-step');
    await coll.createIndex({ n: 1 }, { collation: caseInsensitive });
    await coll.createIndex({ code: 1 }, { unique: true });
    await coll.insertOne({ _id: 1, n: 'Kim', code: 1 });
    // The unique index refuses the second document after the collated index took it.
    await expect(coll.insertOne({ _id: 2, n: 'kim', code: 1 })).rejects.toMatchObject({ code: 11000 });
    await expect(coll.updateOne({ _id: 1 }, { $set: { n: 'Lee', code: 1 } })).resolves.toBeDefined();
    await coll.insertOne({ _id: 3, n: 'LEE', code: 3 });
    await coll.deleteOne({ _id: 3 });
    const kims = await coll.find({ n: 'KIM' }, { collation: caseInsensitive }).toArray();
    expect(kims).toEqual([]);
    const lees = await coll.find({ n: 'lee' }, { collation: caseInsensitive }).toArray();
    expect(lees.map((d) => d._id)).toEqual([1]);
  });

  it('answers a collated query inside a transaction with its own writes', async () => {
    const coll = db.collection('in-transaction');
    await coll.createIndex({ n: 1 }, { collation: caseInsensitive });
    await coll.insertOne({ n: 'Ann' });
    const session = client.startSession();
    try {
      await session.withTransaction(async () => {
        await coll.insertOne({ n: 'ANN' }, { session });
        const seen = await coll.find({ n: 'ann' }, { collation: caseInsensitive, session }).toArray();
        expect(seen.map((d) => d.n).sort()).toEqual(['ANN', 'Ann']);
      });
    } finally {
      await session.endSession();
    }
  });
});
