// Durability of the embedded engine (engine-only: a real MongoDB is not started by these tests).
import { afterAll, describe, expect, it } from '@jest/globals';
import { Decimal128, type Document, Double, Long, MongoClient } from 'mongodb';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { open } from 'lmdb';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyStore, startEmbeddedMongo } from '../src/index.js';
import { DiskStore } from '../src/storage/disk-store.js';
import { Store } from '../src/storage/store.js';

const directories: string[] = [];
function freshDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'engine-durability-'));
  directories.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the writer until it has acknowledged at least `acks` more writes, then SIGKILLs it
 * mid-stream. Resolves with every acknowledged document number.
 */
function writeThenKill(
  dataDir: string,
  from: number,
  acks: number,
  mode: 'sequential' | 'burst' = 'sequential',
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        '@swc-node/register/esm-register',
        fileURLToPath(new URL('./support/crash-writer.ts', import.meta.url)),
        dataDir,
        String(from),
        mode,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const acked: number[] = [];
    let output = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const complete = output.slice(0, output.lastIndexOf('\n') + 1);
      output = output.slice(complete.length);
      for (const match of complete.matchAll(/ACK (\d+)\n/g)) acked.push(Number(match[1]));
      for (const match of complete.matchAll(/ACKS (\d+) (\d+)\n/g))
        for (let i = Number(match[1]); i <= Number(match[2]); i++) acked.push(i);
      // Kill at a moment that varies from run to run, while writes are in flight.
      if (acked.length >= acks && !child.killed) setTimeout(() => child.kill('SIGKILL'), Math.random() * 5);
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer exited ${code}: ${stderr}`)),
    );
  });
}

/** Whether this machine can trace a child's system calls (strace installed, ptrace allowed). */
const canTrace = spawnSync('strace', ['-o', '/dev/null', 'true']).status === 0;

/**
 * The crash writer under strace, killed after `acks` acknowledged writes: its file writes,
 * syncs and acknowledgements in the order the kernel saw them.
 */
function traceWriter(dataDir: string, acks: number): Promise<string[]> {
  const traceFile = join(dataDir, 'trace.txt');
  return new Promise((resolve, reject) => {
    const child = spawn(
      'strace',
      ['-f', '-qq', '-e', 'trace=openat,close,pwrite64,pwritev,pwritev2,write,fdatasync,fsync', '-o', traceFile]
        .concat([process.execPath, '--import', '@swc-node/register/esm-register'])
        .concat([fileURLToPath(new URL('./support/crash-writer.ts', import.meta.url)), join(dataDir, 'db'), '0']),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // The writer itself is killed (strace, killed, would leave it running detached).
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const writer = /READY (\d+)/.exec(output)?.[1];
      if (writer && output.split('ACK ').length > acks) process.kill(Number(writer), 'SIGKILL');
    });
    child.on('exit', () => resolve(readFileSync(traceFile, 'utf8').split('\n')));
    child.on('error', reject);
  });
}

/**
 * Checks LMDB's power-cut rule on a trace: a meta page (the first two pages of the file, which
 * say which tree is current) is written only once every data page written before it was synced,
 * and through a synchronous (O_DSYNC) descriptor; a write is acknowledged only after that.
 * Returns the violations found.
 */
function powerCutViolations(trace: string[], storeFile: string, pageBytes: number): string[] {
  const dataFds = new Set<number>();
  const syncFds = new Set<number>();
  const violations: string[] = [];
  let isReady = false;
  let unsyncedData = false;
  let uncommittedData = false;
  for (const line of trace) {
    const call = line.replace(/^\d+\s+/, '');
    if (call.startsWith('<...')) continue; // the end of a call already counted at its start
    const opened = /^openat\(AT_FDCWD, "([^"]+)", ([A-Z_|]+).*= (\d+)$/.exec(call);
    if (opened && opened[1] === storeFile) (opened[2].includes('O_DSYNC') ? syncFds : dataFds).add(Number(opened[3]));
    const closed = /^close\((\d+)\)/.exec(call);
    if (closed) [dataFds, syncFds].forEach((fds) => fds.delete(Number(closed[1])));
    if (/^write\(1, "READY/.test(call)) isReady = true;
    if (!isReady) continue; // creating the empty store, before any commit
    const written = /^pwrite(?:64|v2?)\((\d+), .*, (\d+)(?:, \d+)?\)/.exec(call);
    const fd = written ? Number(written[1]) : /^f(?:data)?sync\((\d+)\)/.exec(call)?.[1];
    if (written && (dataFds.has(Number(fd)) || syncFds.has(Number(fd)))) {
      const isMeta = Number(written[2]) < 2 * pageBytes;
      if (!isMeta) unsyncedData = uncommittedData = true;
      else if (unsyncedData) violations.push(`meta page written before the data pages were synced: ${call}`);
      else if (!syncFds.has(Number(fd))) violations.push(`meta page written without a sync: ${call}`);
      else uncommittedData = false;
    } else if (!written && fd !== undefined && dataFds.has(Number(fd))) unsyncedData = false;
    if (/^write\(1, "ACK/.test(call) && uncommittedData)
      violations.push(`acknowledged before its commit was durable: ${call}`);
  }
  return violations;
}

async function readAll(dataDir: string, warn?: (m: string) => void) {
  const engine = await startEmbeddedMongo({ dataDir, warn });
  const client = await new MongoClient(engine.uri).connect();
  const docs = await client
    .db('crash')
    .collection('writes')
    .find({}, { sort: { i: 1 } })
    .toArray();
  await client.close();
  await engine.stop();
  return docs;
}

describe('embedded engine durability', () => {
  it('keeps data across a clean stop and start', async () => {
    const dataDir = freshDirectory();
    const engine = await startEmbeddedMongo({ dataDir });
    const client = await new MongoClient(engine.uri).connect();
    await client
      .db('app')
      .collection('notes')
      .insertMany([{ n: 1 }, { n: 2 }]);
    await client.db('app').collection('notes').createIndex({ n: 1 }, { unique: true });
    await client.close();
    await engine.stop();

    const again = await startEmbeddedMongo({ dataDir });
    const reader = await new MongoClient(again.uri).connect();
    expect(await reader.db('app').collection('notes').countDocuments()).toBe(2);
    await expect(reader.db('app').collection('notes').insertOne({ n: 1 })).rejects.toMatchObject({ code: 11000 });
    await reader.close();
    await again.stop();
  });

  it('loses no acknowledged write when killed with SIGKILL, and half-applies nothing', async () => {
    const dataDir = freshDirectory();
    let next = 0;
    for (let round = 0; round < 3; round++) {
      const acked = await writeThenKill(dataDir, next, 40 + Math.floor(Math.random() * 40));
      const lastAck = Math.max(...acked);
      const docs = await readAll(dataDir);
      const numbers = docs.map((d) => d.i as number);
      // Every acknowledged write is there, in order, with nothing in between missing.
      expect(numbers.slice(0, lastAck + 1)).toEqual(Array.from({ length: lastAck + 1 }, (_, i) => i));
      // At most the one write in flight at the kill may also have landed; each document is whole.
      expect(numbers.length - (lastAck + 1)).toBeLessThanOrEqual(1);
      for (const doc of docs) {
        expect(doc.checksum).toBe((doc.i as number) * 7);
        expect(doc.payload).toHaveLength(2000);
      }
      next = numbers.length;
    }
  }, 60_000);

  (canTrace ? it : it.skip)(
    "syncs every commit's pages before the meta page that makes them current (power-cut safe)",
    async () => {
      const dataDir = freshDirectory();
      const trace = await traceWriter(dataDir, 60);
      const storeFile = join(dataDir, 'db', 'store.mdb');
      expect(trace.some((line) => line.includes(storeFile))).toBe(true);
      expect(trace.filter((line) => /write\(1, "ACK/.test(line)).length).toBeGreaterThanOrEqual(60);
      const store = open({ path: storeFile, readOnly: true });
      const { pageSize } = store.getStats() as { pageSize: number };
      await store.close();
      expect(powerCutViolations(trace, storeFile, pageSize)).toEqual([]);
    },
    60_000,
  );

  it('loses no acknowledged write of a burst of concurrent batches, and its indexes agree with its documents', async () => {
    const dataDir = freshDirectory();
    // Four clients writing batches of 250 indexed documents; killed after at least 6,000 are acknowledged.
    const acked = await writeThenKill(dataDir, 0, 6000, 'burst');
    const engine = await startEmbeddedMongo({ dataDir });
    const client = await new MongoClient(engine.uri).connect();
    const burst = client.db('crash').collection('burst');
    const stored = await burst.find({}, { projection: { payload: 0 } }).toArray();
    const present = new Set(stored.map((d) => d._id as unknown as number));
    expect(acked.filter((i) => !present.has(i))).toEqual([]);
    // Batches land whole or not at all... per document: each one complete, none torn.
    for (const doc of stored) expect(doc.checksum).toBe((doc._id as unknown as number) * 7);
    // Every index holds exactly the stored documents.
    const viaIndex = (hint: string) => burst.countDocuments({}, { hint });
    expect(await viaIndex('board_1_score_-1')).toBe(stored.length);
    expect(await viaIndex('slug_1')).toBe(stored.length);
    await expect(burst.insertOne({ _id: -1, slug: 's-0' } as never)).rejects.toMatchObject({ code: 11000 });
    await client.close();
    await engine.stop();
  }, 120_000);

  it('keeps number types (int64, integral double, Decimal128) across restarts', async () => {
    const dataDir = freshDirectory();
    const typed = { _id: 1, l: Long.fromNumber(5), d: new Double(2), dec: Decimal128.fromString('1.10'), i: 3 };
    const read = async () => {
      const engine = await startEmbeddedMongo({ dataDir });
      const client = await new MongoClient(engine.uri).connect();
      const doc = await client.db('app').collection('typed').findOne({}, { promoteValues: false, promoteLongs: false });
      await client.close();
      return { engine, doc };
    };
    const engine = await startEmbeddedMongo({ dataDir });
    const client = await new MongoClient(engine.uri).connect();
    await client
      .db('app')
      .collection('typed')
      .insertOne(typed as never);
    await client.close();
    await engine.stop();
    // Two restarts read it back twice.
    for (let i = 0; i < 2; i++) {
      const { engine: again, doc } = await read();
      const types = Object.values(doc!).map((v) => (v as { _bsontype?: string })._bsontype);
      expect(types).toEqual(['Int32', 'Long', 'Double', 'Decimal128', 'Int32']);
      await again.stop();
    }
  });

  it('copies its store while it keeps serving writes; the copy opens as a data directory', async () => {
    const dataDir = freshDirectory();
    const engine = await startEmbeddedMongo({ dataDir });
    const client = await new MongoClient(engine.uri).connect();
    const notes = client.db('app').collection<{ _id: number; n: number }>('notes');
    await notes.createIndex({ n: 1 }, { unique: true });
    await notes.insertMany(Array.from({ length: 2000 }, (_, i) => ({ _id: i, n: i })));
    let writing = true;
    const writes = (async () => {
      for (let i = 2000; writing; i++) await notes.insertOne({ _id: i, n: i });
    })();
    const target = freshDirectory();
    await copyStore(dataDir, target);
    writing = false;
    await writes;
    await client.close();
    await engine.stop();

    const copy = await startEmbeddedMongo({ dataDir: target });
    const reader = await new MongoClient(copy.uri).connect();
    const copied = await reader.db('app').collection('notes').find({}).sort({ _id: 1 }).toArray();
    // A snapshot: everything acknowledged before the copy, then a gap-free prefix of what followed.
    expect(copied.map((d) => d._id)).toEqual(Array.from({ length: copied.length }, (_, i) => i));
    expect(copied.length).toBeGreaterThanOrEqual(2000);
    await expect(reader.db('app').collection('notes').insertOne({ n: 5 })).rejects.toMatchObject({ code: 11000 });
    await reader.close();
    await copy.stop();
    await expect(copyStore(freshDirectory(), freshDirectory())).rejects.toThrow(/holds no store/);
  });

  it('refuses to open a data directory another engine has open', async () => {
    const dataDir = freshDirectory();
    const engine = await startEmbeddedMongo({ dataDir });
    await expect(startEmbeddedMongo({ dataDir })).rejects.toThrow(/already open|in use/);
    await engine.stop();
    const reopened = await startEmbeddedMongo({ dataDir });
    await reopened.stop();
  });

  it('leaves nothing behind without a data directory (its temporary store is removed at stop)', async () => {
    const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    const temporaryStores = () => readdirSync(scratch).filter((name) => name.startsWith('engine-'));
    const cwdBefore = readdirSync(process.cwd()).sort();
    const before = new Set(temporaryStores());
    const engine = await startEmbeddedMongo();
    const created = temporaryStores().filter((name) => !before.has(name));
    const client = await new MongoClient(engine.uri).connect();
    await client.db('mem').collection('c').insertOne({ a: 1 });
    await client.close();
    await engine.stop();
    expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
    // Other suites may be running engines meanwhile: ours (created at start) is gone.
    const after = new Set(temporaryStores());
    expect(created.length).toBeGreaterThan(0);
    expect(created.filter((name) => after.has(name)).length).toBeLessThan(created.length);
  });
});

describe('a data directory of the format before the LMDB store (snapshot.bson + journal.log)', () => {
  // Written by the engine of the starting commit (fixtures/legacy-data-dir/README-make-fixture.ts.txt):
  // 50 posts with a unique and a compound index in the snapshot, then in the journal one more
  // post, an update, a delete and a new collection.
  const fixture = fileURLToPath(new URL('./fixtures/legacy-data-dir', import.meta.url));

  function copyOfFixture(): string {
    const dataDir = freshDirectory();
    cpSync(fixture, dataDir, { recursive: true });
    rmSync(join(dataDir, 'README-make-fixture.ts.txt'));
    return dataDir;
  }

  async function contents(dataDir: string, warnings: string[] = []) {
    const engine = await startEmbeddedMongo({ dataDir, warn: (message) => warnings.push(message) });
    const client = await new MongoClient(engine.uri).connect();
    const db = client.db('legacy');
    const posts = await db
      .collection<{ _id: number; [field: string]: unknown }>('posts')
      .find({}, { promoteLongs: false })
      .sort({ _id: 1 })
      .toArray();
    const notes = await db.collection('notes').find({}).toArray();
    const users = await db.collection('users').find({}).toArray();
    const indexes = (await db.collection('posts').listIndexes().toArray()).map((i) => i.name).sort();
    const byIndex = await db
      .collection<{ _id: number; [field: string]: unknown }>('posts')
      .find({ board: 2 })
      .sort({ score: -1 })
      .hint('board_1_score_-1')
      .toArray();
    const duplicate = await db
      .collection('posts')
      .insertOne({ _id: 99, slug: 'post-7' } as never)
      .then(
        () => null,
        (error: { code: number }) => error.code,
      );
    await client.close();
    await engine.stop();
    return { posts, notes, users, indexes, byIndex, duplicate };
  }

  it('is converted on the first start, checked, and its old files kept aside', async () => {
    const dataDir = copyOfFixture();
    const warnings: string[] = [];
    const first = await contents(dataDir, warnings);
    expect(warnings.join('\n')).toMatch(/converted .* \(52 documents\)/);
    // The snapshot's documents with the journal's changes applied on top.
    expect(first.posts.map((p) => p._id)).toEqual([
      ...Array.from({ length: 50 }, (_, i) => i).filter((i) => i !== 4),
      50,
    ]);
    expect(first.posts.find((p) => p._id === 3)?.score).toBe(1);
    expect(String(first.posts[0].big)).toBe('9007199254740993');
    expect(first.notes).toEqual([{ _id: 'n1', text: 'only in the journal' }]);
    expect(first.users).toEqual([{ _id: 'ada', name: 'Ada' }]);
    expect(first.indexes).toEqual(['_id_', 'board_1_score_-1', 'slug_1']);
    expect(first.byIndex.map((p) => p.score)).toEqual([
      500, 470, 440, 410, 380, 350, 320, 290, 260, 230, 200, 170, 140, 110, 80, 50, 20,
    ]);
    expect(first.duplicate).toBe(11000);
    expect(readdirSync(dataDir).sort()).toEqual(
      ['journal.log.pre-lmdb', 'snapshot.bson.pre-lmdb', 'store.mdb', 'store.mdb-lock'].sort(),
    );
    // The next start opens the store as it is: no second conversion, same data.
    const warningsAgain: string[] = [];
    const second = await contents(dataDir, warningsAgain);
    expect(warningsAgain).toEqual([]);
    expect(second.posts).toEqual(first.posts);
  });

  it('starts the conversion over when the previous one was interrupted', async () => {
    const dataDir = copyOfFixture();
    // A store file with part of the data and no mark of a finished conversion, as a crash during it leaves.
    const partial = new Store(DiskStore.open(dataDir));
    partial.apply([{ op: 'insert', ns: 'legacy.posts', doc: { _id: 0, slug: 'half-way' } }]);
    await partial.close();
    const { posts } = await contents(dataDir);
    expect(posts).toHaveLength(50);
    expect(posts[0].slug).toBe('post-0');
  });
});

describe('a store written with the first index key format (numbers by their double, long strings tied)', () => {
  // Written by the engine of the starting commit a33f48c (fixtures/key-format-1/README-make-fixture.ts.txt).
  const fixture = fileURLToPath(new URL('./fixtures/key-format-1', import.meta.url));

  it('has its indexes rebuilt with exact keys at the first start, documents moved to their exact _id', async () => {
    const dataDir = freshDirectory();
    cpSync(fixture, dataDir, { recursive: true, filter: (path) => !path.endsWith('.txt') });
    const warnings: string[] = [];
    const engine = await startEmbeddedMongo({ dataDir, warn: (message) => warnings.push(message) });
    const client = await new MongoClient(engine.uri).connect();
    const values = client.db('app').collection<{ _id: unknown; [field: string]: unknown }>('values');
    const ids = async (filter: Document, hint: string) =>
      (await values.find(filter, { hint }).sort({ v: 1, s: 1 }).toArray()).map((d) => String(d._id));
    expect(warnings.join('\n')).toContain('rebuilt the indexes');
    // Decimal128 0.1 < double 0.1; the int64 2^53+1 above the double 2^53 (the old keys tied them).
    expect(await ids({}, 'v_1')).toEqual(['9007199254740993', '2.5', '7', '0.3']);
    expect(await ids({ v: Decimal128.fromString('0.1') }, 'v_1')).toEqual(['9007199254740993']);
    expect(await ids({ s: { $gt: 'x'.repeat(420) + 'a' } }, 's_1')).toEqual(['9007199254740993', '0.3']);
    expect(await values.countDocuments({ _id: Long.fromString('9007199254740993') })).toBe(1);
    expect(await values.countDocuments({ _id: Decimal128.fromString('0.3') })).toBe(1);
    await expect(values.insertOne({ _id: 8, s: 'x'.repeat(420) + 'c' })).rejects.toMatchObject({ code: 11000 });
    await client.close();
    await engine.stop();
    // Once: the second start finds the current format.
    warnings.length = 0;
    const again = await startEmbeddedMongo({ dataDir, warn: (message) => warnings.push(message) });
    await again.stop();
    expect(warnings).toEqual([]);
  });
});
