// The embedded engine of `npm start` has no authentication, so it must not be reachable by other
// local users: it listens on a Unix domain socket in a 0700 directory inside DATA_DIR, never on a
// loopback TCP port (issue #21).
import { afterEach, describe, expect, it } from '@jest/globals';
import type { ModuleRef } from '@nestjs/core';
import mongoose, { type Connection } from 'mongoose';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@helpboard/core';
import { EmbeddedMongoHost } from './embedded-mongo.host.js';

describe('the embedded engine of npm start', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(dataDir: string) {
    // The host closes the app's mongoose connection before the engine: hand it ours.
    const opened: { connection?: Connection } = {};
    const moduleRef = { get: () => opened.connection } as unknown as ModuleRef;
    const host = new EmbeddedMongoHost({ dataDir } as AppConfig, moduleRef);
    const uri = await host.uri();
    const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5_000 }).asPromise();
    opened.connection = connection;
    cleanups.push(() => host.onApplicationShutdown());
    return { uri, connection };
  }

  function freshDataDir(): string {
    const dataDir = mkdtempSync(join(tmpdir(), 'hb-host-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    return dataDir;
  }

  it('listens on a socket in a directory only its owner may enter, and serves transactions there', async () => {
    const dataDir = freshDataDir();
    const { uri, connection } = await start(dataDir);
    expect(uri).toBe(
      `mongodb://${encodeURIComponent(join(dataDir, 'run', 'mongo.sock'))}/helpboard?directConnection=true`,
    );
    expect(statSync(join(dataDir, 'run')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'run', 'mongo.sock')).isSocket()).toBe(true);

    const notes = connection.collection('notes');
    const session = await connection.startSession();
    await session.withTransaction(() => notes.insertOne({ text: 'kept' }, { session }));
    await session.endSession();
    expect(await notes.countDocuments()).toBe(1);
  });

  it('takes back a directory left open to others, and a socket file left by a crash', async () => {
    const dataDir = freshDataDir();
    mkdirSync(join(dataDir, 'run'), { mode: 0o777 });
    writeFileSync(join(dataDir, 'run', 'mongo.sock'), 'stale');
    const { connection } = await start(dataDir);
    expect(statSync(join(dataDir, 'run')).mode & 0o777).toBe(0o700);
    expect(await connection.collection('notes').countDocuments()).toBe(0);
  });
});
