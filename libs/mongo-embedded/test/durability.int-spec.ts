// Durability of the embedded engine (engine-only: a real MongoDB is not started by these tests).
import { afterAll, describe, expect, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedMongo } from '../src/index.js';

const directories: string[] = [];
function freshDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'engine-durability-'));
  directories.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

/** Runs the writer until it has acknowledged at least `acks` more writes, then SIGKILLs it mid-stream. */
function writeThenKill(
  dataDir: string,
  from: number,
  acks: number,
  compaction: { afterBytes?: number; everyMs?: number } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        '@swc-node/register/esm-register',
        fileURLToPath(new URL('./support/crash-writer.ts', import.meta.url)),
        dataDir,
        String(from),
        String(compaction.afterBytes ?? ''),
        String(compaction.everyMs ?? ''),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let lastAck = from - 1;
    let output = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of output.matchAll(/ACK (\d+)\n/g)) lastAck = Math.max(lastAck, Number(match[1]));
      output = output.slice(output.lastIndexOf('\n') + 1);
      // Kill at a moment that varies from run to run, while writes are in flight.
      if (lastAck >= from + acks - 1 && !child.killed) setTimeout(() => child.kill('SIGKILL'), Math.random() * 5);
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(lastAck) : reject(new Error(`writer exited ${code}: ${stderr}`)),
    );
  });
}

async function readAllFrom(dataDir: string, db: string, name: string) {
  const engine = await startEmbeddedMongo({ dataDir });
  const client = await new MongoClient(engine.uri).connect();
  const docs = await client.db(db).collection(name).find({}).sort({ n: 1 }).toArray();
  await client.close();
  await engine.stop();
  return docs;
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
      const lastAck = await writeThenKill(dataDir, next, 40 + Math.floor(Math.random() * 40));
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

  it('loses nothing when the journal is compacted into snapshots while writes keep coming', async () => {
    const dataDir = freshDirectory();
    // A tiny threshold: a snapshot every few writes, racing with the writer, then a SIGKILL.
    const lastAck = await writeThenKill(dataDir, 0, 60, { afterBytes: 15_000 });
    expect(existsSync(join(dataDir, 'snapshot.bson'))).toBe(true); // compacted before the kill
    const numbers = (await readAll(dataDir)).map((d) => d.i as number);
    expect(numbers.slice(0, lastAck + 1)).toEqual(Array.from({ length: lastAck + 1 }, (_, i) => i));
  }, 30_000);

  it('loses nothing when snapshots are taken on time (every few milliseconds) while writes keep coming', async () => {
    const dataDir = freshDirectory();
    let next = 0;
    for (let round = 0; round < 2; round++) {
      const lastAck = await writeThenKill(dataDir, next, 80, { everyMs: 2 });
      const numbers = (await readAll(dataDir)).map((d) => d.i as number);
      expect(numbers.slice(0, lastAck + 1)).toEqual(Array.from({ length: lastAck + 1 }, (_, i) => i));
      next = numbers.length;
    }
  }, 30_000);

  it('folds a journal into a snapshot once it is old enough, even with no command coming', async () => {
    const dataDir = freshDirectory();
    const engine = await startEmbeddedMongo({ dataDir, compactEveryMs: 60_000 });
    const client = await new MongoClient(engine.uri).connect();
    await client
      .db('app')
      .collection('notes')
      .insertMany([{ n: 1 }, { n: 2 }]);
    const journal = join(dataDir, 'journal.log');
    expect(statSync(journal).size).toBeGreaterThan(0);
    expect(await engine.compactIfDue()).toBe(false); // young and small: not due
    expect(await engine.compactIfDue(Date.now() + 61_000)).toBe(true);
    expect(statSync(journal).size).toBe(0);
    expect(await engine.compactIfDue(Date.now() + 61_000)).toBe(false); // nothing new to fold
    await client.db('app').collection('notes').insertOne({ n: 3 });
    await client.close();
    await engine.stop();
    expect((await readAllFrom(dataDir, 'app', 'notes')).map((d) => d.n)).toEqual([1, 2, 3]);
  });

  it('cuts off a torn or corrupt journal tail, keeps what came before, and says so', async () => {
    const dataDir = freshDirectory();
    const lastAck = await writeThenKill(dataDir, 0, 30);
    appendFileSync(join(dataDir, 'journal.log'), Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7]));
    const warnings: string[] = [];
    const docs = await readAll(dataDir, (message) => warnings.push(message));
    expect(docs.length).toBeGreaterThanOrEqual(lastAck + 1);
    expect(warnings.join('\n')).toMatch(/cut off/);
    // The tail is gone for good: a second start finds a clean journal.
    const warningsAgain: string[] = [];
    expect((await readAll(dataDir, (message) => warningsAgain.push(message))).length).toBe(docs.length);
    expect(warningsAgain).toEqual([]);
  }, 30_000);

  it('refuses to open a data directory another engine has open', async () => {
    const dataDir = freshDirectory();
    const engine = await startEmbeddedMongo({ dataDir });
    await expect(startEmbeddedMongo({ dataDir })).rejects.toThrow(/already open|in use/);
    await engine.stop();
    const reopened = await startEmbeddedMongo({ dataDir });
    await reopened.stop();
  });

  it('writes nothing to disk in memory mode', async () => {
    const cwdBefore = readdirSync(process.cwd()).sort();
    const engine = await startEmbeddedMongo();
    const client = await new MongoClient(engine.uri).connect();
    await client.db('mem').collection('c').insertOne({ a: 1 });
    await client.close();
    await engine.stop();
    expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
  });
});
