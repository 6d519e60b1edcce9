// backup and restore on the embedded engine: a round trip gives back exactly the data backed up,
// and files that are not whole Helpboard backups are refused before anything is written.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { getConnectionToken } from '@nestjs/mongoose';
import { BSON, type Db } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import { BackupService } from '../../apps/api/src/cli/backup/backup.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { answer, ask, comment, vote } from './support/threads.js';

/** Every document of every collection, in a stable order, as canonical Extended JSON. */
async function contents(db: Db): Promise<Record<string, string[]>> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const result: Record<string, string[]> = {};
  for (const name of names) {
    const docs = await db
      .collection(name)
      .find({}, { sort: { _id: 1 } })
      .toArray();
    result[name] = docs.map((doc) => BSON.EJSON.stringify(doc, { relaxed: false }));
  }
  return result;
}

describe('backup and restore', () => {
  let t: TestApp;
  let dir: string;
  let file: string;
  let backedUp: Record<string, string[]>;
  let databaseName: string;
  let restoreConnection: Connection;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'helpboard-backup-'));
    file = join(dir, 'helpboard.backup');
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    const asker = await registerUser(t);
    const operator = await createOperator(t, admin, [admin.handle]);
    const board = await createBoard(t, admin, operator.slug);
    const thread = await ask(t, asker, board.slug);
    const reply = await answer(t, admin, thread.id);
    await comment(t, asker, reply.id, 'Thanks, that worked for me.');
    await vote(t, asker, reply.id, 'UP');

    const connection = t.app.get<Connection>(getConnectionToken());
    databaseName = connection.db!.databaseName;
    const service = new BackupService(connection);
    backedUp = await contents(connection.db as unknown as Db);
    const counts = await service.backup(file);
    expect(Object.keys(counts).sort()).toEqual(Object.keys(backedUp));

    // Changes after the backup: another answer, a vote taken back, a new user.
    await answer(t, asker, thread.id, 'Also: the carrier app shows it under Usage.');
    await vote(t, asker, reply.id, 'NONE');
    await registerUser(t);
    // Restore runs with the API stopped (its background jobs would otherwise write meanwhile).
    await t.app.close();
    restoreConnection = await mongoose.createConnection(t.engine.uri, { dbName: databaseName }).asPromise();
  });
  afterAll(async () => {
    await restoreConnection?.close();
    await t.engine.stop();
  });

  const db = () => restoreConnection.db as unknown as Db;
  const service = () => new BackupService(restoreConnection);

  it('refuses to overwrite a database that holds documents without --replace', async () => {
    await expect(service().restore(file, { replace: false })).rejects.toThrow(/not empty.*--replace/);
  });

  it('gives back exactly the data that was backed up', async () => {
    expect(await contents(db())).not.toEqual(backedUp);
    await service().restore(file, { replace: true });
    expect(await contents(db())).toEqual(backedUp);
    // Indexes came back too: a second vote by the same voter on the same post is still refused.
    const vote = await db().collection('votes').findOne({});
    await expect(
      db()
        .collection('votes')
        .insertOne({ ...vote, _id: new BSON.ObjectId() }),
    ).rejects.toThrow(/E11000/);
  });

  it('refuses files that are not whole Helpboard backups, naming the problem, and writes nothing', async () => {
    const lines = gunzipSync(readFileSync(file)).toString().trimEnd().split('\n');
    const variants: [string, Buffer, RegExp][] = [
      ['plain.json', Buffer.from('{"hello": "world"}\n'), /not gzip-compressed/],
      ['other.gz', gzipSync('{"format": "mongodump"}\n'), /first line does not say "helpboard-backup"/],
      [
        'future.gz',
        gzipSync(lines[0].replace('"version":{"$numberInt":"1"}', '"version":{"$numberInt":"9"}') + '\n'),
        /version 9/,
      ],
      ['truncated.gz', gzipSync(lines.slice(0, -1).join('\n')), /ends before its trailer/],
      ['garbled.gz', gzipSync([lines[0], 'not json', ...lines.slice(1)].join('\n')), /line 2 is not Extended JSON/],
      ['spliced.gz', gzipSync([...lines.slice(0, 3), ...lines.slice(4)].join('\n')), /the trailer says/],
      ['cut.gz', readFileSync(file).subarray(0, 200), /cannot be decompressed|ends before its trailer/],
    ];
    const before = await contents(db());
    for (const [name, bytes, problem] of variants) {
      writeFileSync(join(dir, name), bytes);
      await expect(service().restore(join(dir, name), { replace: true })).rejects.toThrow(problem);
    }
    await expect(service().restore(join(dir, 'missing.gz'), { replace: true })).rejects.toThrow(/no such file/);
    expect(await contents(db())).toEqual(before);
  });

  it('runs as `npm run cli -- backup <file>` against a MONGODB_URI', async () => {
    const second = join(dir, 'from-cli.backup');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'apps/api/src/cli.ts', 'backup', second],
      {
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          NODE_ENV: 'test',
          MONGODB_URI: `${t.engine.uri.replace(/\/(\?|$)/, `/${databaseName}$1`)}`,
          LOG_LEVEL: 'silent',
          JWT_SECRET: 'x'.repeat(32),
          REFERRALS_SECRET_KEY: '0'.repeat(64),
        },
      },
    );
    expect(stdout).toMatch(/^wrote .*from-cli\.backup: \d+ collections, \d+ documents/);
    const lines = gunzipSync(readFileSync(second)).toString().trimEnd().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'helpboard-backup', consistency: 'transaction' });
  }, 30_000);
});
