// `backup` on an embedded engine whose files it can read: the backup is read from a hot copy of
// the store (one point in time, no engine transaction and so no 60 s limit), while writers go on.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import mongoose, { type Connection } from 'mongoose';
import { type EmbeddedMongo, startEmbeddedMongo } from '@helpboard/mongo-embedded';
import { BackupService } from './backup.service.js';

describe('backup of an embedded engine with a data directory', () => {
  let dir: string;
  let engine: EmbeddedMongo;
  let connection: Connection;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'helpboard-backup-copy-'));
    engine = await startEmbeddedMongo({ dataDir: join(dir, 'db') });
    connection = await mongoose.createConnection(engine.uri, { dbName: 'app' }).asPromise();
  });
  afterAll(async () => {
    await connection.close();
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads one point in time from a copy of the store while transactions keep writing', async () => {
    const db = connection.db!;
    await db.collection('debits').createIndex({ n: 1 }, { unique: true });
    await db.collection('debits').insertMany(Array.from({ length: 300 }, (_, n) => ({ n, text: 'x'.repeat(500) })));
    await db.collection('credits').insertMany(Array.from({ length: 300 }, (_, n) => ({ n })));
    // Each transaction adds one debit and one credit: any consistent backup holds as many of each.
    let isWriting = true;
    let next = 300;
    const writer = (async () => {
      while (isWriting) {
        const n = next++;
        await connection.transaction(async (session) => {
          await db.collection('debits').insertOne({ n, text: 'x'.repeat(500) }, { session });
          await db.collection('credits').insertOne({ n }, { session });
        });
      }
    })();
    const file = join(dir, 'app.backup');
    const counts = await new BackupService(connection).backup(file);
    isWriting = false;
    await writer;

    const lines = gunzipSync(readFileSync(file)).toString().trimEnd().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({
      format: 'helpboard-backup',
      database: 'app',
      consistency: 'store-copy',
    });
    expect(counts.debits).toBeGreaterThanOrEqual(300);
    expect(counts.credits).toBe(counts.debits);
    expect(lines.filter((line) => line.startsWith('{"c":"debits"'))).toHaveLength(counts.debits);
    const indexLine = JSON.parse(lines.find((line) => line.startsWith('{"collection":"debits"'))!);
    expect(indexLine.indexes.map((index: { name: string }) => index.name)).toContain('n_1');
    // The copy is gone; the engine's own directory is as it was.
    expect(readFileSync(join(dir, 'db', 'mongod.lock'), 'utf8')).toBe(String(process.pid));
    expect(readdirSync(dir).sort()).toEqual(['app.backup', 'db']);
  }, 60_000);
});
