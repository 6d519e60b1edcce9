// `npm run bench -- mongo-embedded --scale 250000,1000000 [--compare <checkout>]`: the engine
// with a data directory at board sizes. Forum-post-shaped documents (~1 KB of BSON, a unique
// slug and two compound indexes), loaded through the driver into an engine in its own process;
// then its RSS and JS heap, the size on disk, point reads by _id and single updates (sequential
// and 10 at once), a 5 ms probe of point reads while another client writes (p50/p99/max),
// SIGTERM to exit, and a restart until the first ping and the first indexed query. With --compare, the same run on the
// engine of another checkout (e.g. the starting commit), side by side, with ratios.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';

const CHILD = new URL('./engine-child.ts', import.meta.url).pathname;
const WORDS = 'answer board thread question vote reply accepted helpful search index answer moderator'.split(' ');

interface Running {
  child: ChildProcess;
  uri: string;
  /** How long startEmbeddedMongo took in the child (module loading apart). */
  openMs: number;
}

function startEngine(engineModule: string, dataDir: string): Promise<Running> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(CHILD, [engineModule, dataDir], {
      execArgv: ['--import', '@swc-node/register/esm-register', '--max-old-space-size=8192'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /URI (\S+) OPEN (\S+)\n/.exec(output);
      if (match) resolvePromise({ child, uri: match[1], openMs: Number(match[2]) });
    });
    child.once('exit', (code) => reject(new Error(`engine exited with ${code}`)));
  });
}

function memoryOf(running: Running): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolvePromise) => {
    running.child.once('message', (message) => resolvePromise((message as { memory: NodeJS.MemoryUsage }).memory));
    running.child.send('memory');
  });
}

function stopEngine(running: Running): Promise<number> {
  const started = performance.now();
  return new Promise((resolvePromise) => {
    running.child.removeAllListeners('exit');
    running.child.once('exit', () => resolvePromise(performance.now() - started));
    running.child.kill('SIGTERM');
  });
}

function post(i: number) {
  const words = Array.from({ length: 120 }, (_, k) => WORDS[(i * 31 + k * 7) % WORDS.length]).join(' ');
  return {
    _id: new ObjectId(),
    slug: `post-${i}`,
    board: `b${i % 50}`,
    author: `u${i % 5000}`,
    score: i % 997,
    createdAt: new Date(1_700_000_000_000 + i * 1000),
    title: `How do I ${words.slice(0, 50)}?`,
    body: words,
    tags: [`t${i % 13}`, `t${i % 7}`],
  };
}

function directorySize(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

async function pointReads(client: MongoClient, ids: ObjectId[], count: number, concurrency: number): Promise<number> {
  const posts = client.db('scale').collection('posts');
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await posts.findOne({ _id: ids[(next++ * 7919) % ids.length] });
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/**
 * Single-document updates (each its own acknowledged, durable commit) per second, one client or
 * `concurrency` at once: what a commit costs on disk.
 */
async function singleWrites(client: MongoClient, ids: ObjectId[], count: number, concurrency: number): Promise<number> {
  const posts = client.db('scale').collection('posts');
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await posts.updateOne({ _id: ids[(next++ * 7919) % ids.length] }, { $inc: { score: 1 } });
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/** Point reads every 5 ms from one client while another inserts batches of 100 for `seconds`. */
async function probeDuringWrites(uri: string, ids: ObjectId[], size: number, seconds: number) {
  const reader = await new MongoClient(uri).connect();
  const writer = await new MongoClient(uri).connect();
  const posts = reader.db('scale').collection('posts');
  const writes = writer.db('scale').collection('posts');
  const latencies: number[] = [];
  let writing = true;
  let written = 0;
  const writes$ = (async () => {
    for (let start = size; writing; start += 100) {
      await writes.insertMany(Array.from({ length: 100 }, (_, k) => post(start + k)));
      written += 100;
    }
  })();
  const end = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const started = performance.now();
    await posts.findOne({ _id: ids[(i * 104729) % ids.length] });
    const took = performance.now() - started;
    latencies.push(took);
    await new Promise((done) => setTimeout(done, Math.max(0, 5 - took)));
  }
  writing = false;
  await writes$;
  await reader.close();
  await writer.close();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1)!, written };
}

async function measure(label: string, engineModule: string, size: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  const report: Record<string, string | number> = {};
  try {
    let running = await startEngine(engineModule, dataDir);
    let client = await new MongoClient(running.uri).connect();
    const posts = client.db('scale').collection('posts');
    await posts.createIndex({ slug: 1 }, { unique: true });
    await posts.createIndex({ board: 1, score: -1 });
    await posts.createIndex({ author: 1, createdAt: -1 });
    const ids: ObjectId[] = [];
    let started = performance.now();
    const BATCH = 1000;
    for (let from = 0; from < size; from += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, size - from) }, (_, k) => post(from + k));
      if (from % 50 === 0) ids.push(batch[0]._id);
      await posts.insertMany(batch);
      if (from % 100_000 === 0 && from > 0) process.stdout.write(`    ${label}: ${from.toLocaleString('en')} loaded\n`);
    }
    report.loadSeconds = (performance.now() - started) / 1000;
    const memory = await memoryOf(running);
    report.rss = memory.rss;
    report.heap = memory.heapUsed;
    report.disk = directorySize(dataDir);
    report.readsSequential = await pointReads(client, ids, 3000, 1);
    report.readsConcurrent = await pointReads(client, ids, 6000, 10);
    report.writesSequential = await singleWrites(client, ids, 1000, 1);
    report.writesConcurrent = await singleWrites(client, ids, 2000, 10);
    const probe = await probeDuringWrites(running.uri, ids, size, 10);
    Object.assign(report, {
      probeP50: probe.p50,
      probeP99: probe.p99,
      probeMax: probe.max,
      probeWritten: probe.written,
    });
    await client.close();
    report.exitMs = await stopEngine(running);
    report.diskAfterStop = directorySize(dataDir);

    started = performance.now();
    running = await startEngine(engineModule, dataDir);
    client = await new MongoClient(running.uri).connect();
    await client.db('admin').command({ ping: 1 });
    report.restartToPingMs = performance.now() - started;
    report.restartOpenMs = running.openMs;
    await client
      .db('scale')
      .collection('posts')
      .findOne({ board: 'b7', score: { $gte: 500 } });
    report.restartToIndexedQueryMs = performance.now() - started;
    const memoryAfterRestart = await memoryOf(running);
    report.rssAfterRestart = memoryAfterRestart.rss;
    report.heapAfterRestart = memoryAfterRestart.heapUsed;
    await client.close();
    await stopEngine(running);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return report;
}

const ROWS: [string, string, (v: number) => string][] = [
  ['load', 'loadSeconds', (v) => `${v.toFixed(1)} s`],
  ['RSS after load', 'rss', mib],
  ['JS heap after load', 'heap', mib],
  ['size on disk', 'disk', mib],
  ['size on disk after stop', 'diskAfterStop', mib],
  ['point reads by _id, sequential', 'readsSequential', (v) => `${v.toFixed(0)}/s`],
  ['point reads by _id, 10 at once', 'readsConcurrent', (v) => `${v.toFixed(0)}/s`],
  ['single updates (durable commits), sequential', 'writesSequential', (v) => `${v.toFixed(0)}/s`],
  ['single updates (durable commits), 10 at once', 'writesConcurrent', (v) => `${v.toFixed(0)}/s`],
  ['5 ms probe during writes, p50', 'probeP50', ms],
  ['5 ms probe during writes, p99', 'probeP99', ms],
  ['5 ms probe during writes, max', 'probeMax', ms],
  ['documents written during the probe', 'probeWritten', (v) => v.toLocaleString('en')],
  ['SIGTERM → exit', 'exitMs', ms],
  ['restart: engine open (in its process)', 'restartOpenMs', ms],
  ['restart → ping (process start included)', 'restartToPingMs', ms],
  ['restart → first indexed query (same)', 'restartToIndexedQueryMs', ms],
  ['RSS after restart + query', 'rssAfterRestart', mib],
  ['JS heap after restart + query', 'heapAfterRestart', mib],
];

export async function runScale(sizes: number[], compareWith?: string): Promise<void> {
  const here = resolve(new URL('../../libs/mongo-embedded/src/index.ts', import.meta.url).pathname);
  const engines: [string, string][] = [['this checkout', here]];
  if (compareWith) engines.push([compareWith, resolve(compareWith, 'libs/mongo-embedded/src/index.ts')]);
  for (const size of sizes) {
    process.stdout.write(`\n${size.toLocaleString('en')} documents (~1 KB, 3 secondary indexes)\n`);
    const reports: Record<string, string | number>[] = [];
    for (const [label, module] of engines) {
      try {
        reports.push(await measure(label, module, size));
      } catch (error) {
        process.stdout.write(`    ${label}: failed: ${error instanceof Error ? error.message : String(error)}\n`);
        reports.push({});
      }
    }
    process.stdout.write(
      `  ${''.padEnd(38)}${engines.map(([label]) => label.slice(-22).padStart(24)).join('')}${compareWith ? '   ratio' : ''}\n`,
    );
    for (const [title, key, format] of ROWS) {
      const values = reports.map((r) => r[key] as number | undefined);
      const cells = values.map((v) => (v === undefined ? 'n/a' : format(v)).padStart(24)).join('');
      const ratio = values.length === 2 && values[0] && values[1] ? `   ${(values[0] / values[1]).toFixed(2)}` : '';
      process.stdout.write(`  ${title.padEnd(38)}${cells}${ratio}\n`);
    }
  }
}
