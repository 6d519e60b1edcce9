// Throughput of the embedded engine through the official driver: inserts, indexed finds,
// updates, range finds, sorted top-10 reads and a $group aggregation over 10k and 100k documents,
// measured in one run; prints the ratio of time per operation at 100k vs 10k documents (indexed
// find goal <= 1.5: lookups do not slow down as the collection grows).
// `--scale 250000,1000000,5000000 [--compare <checkout>]`: the data-directory scale mode instead
// (scale.ts).
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '@helpboard/mongo-embedded';
import { runScale } from './scale.js';

const FINDS = 3_000;
const UPDATES = 3_000;
const CONCURRENCY = 16;

async function timed(label: string, operations: number, run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`  ${label.padEnd(34)} ${(operations / seconds).toFixed(0).padStart(8)} ops/s\n`);
  return seconds / operations;
}

/** Runs `count` operations with a fixed number in flight, like a pool of clients. */
async function inParallel(count: number, operation: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await operation(next++);
    }),
  );
}

async function measure(size: number) {
  const engine = await startEmbeddedMongo();
  const client = await new MongoClient(engine.uri).connect();
  const c = client.db('bench').collection('posts');
  await c.createIndex({ key: 1 }, { unique: true });
  await c.createIndex({ board: 1, score: -1 });
  await c.createIndex({ seq: 1 });
  process.stdout.write(`${size.toLocaleString('en')} documents\n`);
  const batch = 1_000;
  await timed('insert (batches of 1,000)', size, async () => {
    for (let start = 0; start < size; start += batch) {
      await c.insertMany(
        Array.from({ length: Math.min(batch, size - start) }, (_, j) => {
          const i = start + j;
          return {
            key: `k${i}`,
            seq: i,
            board: `b${i % 50}`,
            score: i % 997,
            tags: [`t${i % 13}`, `t${i % 7}`],
            body: 'lorem ipsum '.repeat(8),
          };
        }),
      );
    }
  });
  const perFind = await timed('indexed find (unique key)', FINDS, () =>
    inParallel(FINDS, (i) => c.findOne({ key: `k${(i * 7919) % size}` })),
  );
  const perRange = await timed('range find (10 consecutive seq)', FINDS, () =>
    inParallel(FINDS, (i) => {
      const from = (i * 7919) % (size - 10);
      return c.find({ seq: { $gte: from, $lt: from + 10 } }).toArray();
    }),
  );
  const perTop = await timed('sorted top 10 (board, score desc)', FINDS, () =>
    inParallel(FINDS, (i) =>
      c
        .find({ board: `b${i % 50}` })
        .sort({ score: -1 })
        .limit(10)
        .toArray(),
    ),
  );
  const perLatest = await timed('sorted top 10 (whole collection)', FINDS, () =>
    inParallel(FINDS, () => c.find({}).sort({ key: 1 }).limit(10).toArray()),
  );
  await timed('update by indexed key ($inc)', UPDATES, () =>
    inParallel(UPDATES, (i) => c.updateOne({ key: `k${(i * 104729) % size}` }, { $inc: { score: 1 } })),
  );
  const groups = 20;
  await timed('$group by board (whole collection)', groups, async () => {
    for (let i = 0; i < groups; i++)
      await c.aggregate([{ $group: { _id: '$board', n: { $sum: 1 }, top: { $max: '$score' } } }]).toArray();
  });
  await client.close();
  await engine.stop();
  return { find: perFind, range: perRange, top: perTop, latest: perLatest };
}

const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const scale = option('--scale');
if (scale) {
  await runScale(scale.split(',').map(Number), option('--compare'));
  process.exit(0);
}

const small = await measure(10_000);
const large = await measure(100_000);
const ratio = (label: string, key: keyof typeof small) =>
  process.stdout.write(`${label.padEnd(48)} ${(large[key] / small[key]).toFixed(2)}\n`);
process.stdout.write('time per operation, 100k vs 10k documents:\n');
ratio('  indexed find (goal <= 1.5)', 'find');
ratio('  range find, same result size', 'range');
ratio('  sorted top 10 in one board, same result size', 'top');
ratio('  sorted top 10 of the collection', 'latest');
