// `backup <file>` and `restore <file>`: every collection of the application's database, read at
// one point in time, written to (or replaced from) a backup file (format in backup-format.ts).
// On the embedded engine whose files this machine can read, that point in time is a hot copy of
// its store (copyStore: one LMDB snapshot, never an engine transaction), read back through a
// private engine opened on the copy — so a store of any size is backed up consistently, without
// the 60 s limit of a transaction and without keeping old versions in the server's memory.
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import { type ClientSession, type Db, type Document, MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import { copyStore, REPLICA_SET_NAME, startEmbeddedMongo, STORE_FILE } from '@helpboard/mongo-embedded';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, encodeLine, readBackup } from './backup-format.js';

const BATCH = 1_000;

export class DatabaseNotEmptyError extends Error {}

@Injectable()
export class BackupService {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get db(): Db {
    return this.connection.db as unknown as Db;
  }

  /**
   * Writes the backup to `<file>.partial` and renames it when complete, so `file` is never half a
   * backup. Collections are listed first (listing is not allowed inside a transaction); their
   * contents are all read at one point in time.
   */
  async backup(file: string): Promise<Record<string, number>> {
    const hello = await this.db.admin().command({ hello: 1 });
    if (hello.setName !== REPLICA_SET_NAME) return this.write(file, this.db, 'snapshot-session');
    const { parsed } = await this.db.admin().command({ getCmdLineOpts: 1 });
    const dbPath = (parsed as { storage?: { dbPath?: string } }).storage?.dbPath;
    if (!dbPath || !existsSync(join(dbPath, STORE_FILE))) return this.write(file, this.db, 'transaction');
    const copyDir = await mkdtemp(join(dirname(file), '.backup-store-'));
    try {
      await copyStore(dbPath, copyDir);
      const engine = await startEmbeddedMongo({ dataDir: copyDir, warn: () => undefined });
      const client = await new MongoClient(engine.uri).connect();
      try {
        return await this.write(file, client.db(this.db.databaseName), 'store-copy');
      } finally {
        await client.close();
        await engine.stop();
      }
    } finally {
      await rm(copyDir, { recursive: true, force: true });
    }
  }

  /**
   * Writes the backup of `db` to `<file>.partial` and renames it when complete, so `file` is never
   * half a backup. Collections are listed first (listing is not allowed inside a transaction);
   * their contents are all read at one point in time (a store copy never changes).
   */
  private async write(file: string, db: Db, consistency: BackupHeader['consistency']): Promise<Record<string, number>> {
    const client = db.client;
    const collections = (await db.listCollections({}, { nameOnly: false }).toArray())
      .filter((c) => c.type !== 'view' && !c.name.startsWith('system.'))
      .sort((a, b) => a.name.localeCompare(b.name));
    const partial = `${file}.partial`;
    const out = new PassThrough();
    const written = pipeline(out, createGzip(), createWriteStream(partial));
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    const counts: Record<string, number> = {};
    const session =
      consistency === 'store-copy' ? undefined : client.startSession({ snapshot: consistency === 'snapshot-session' });
    try {
      // The embedded engine keeps a transaction's snapshot for as long as it runs (60 s at most).
      if (consistency === 'transaction') session!.startTransaction({ readConcern: { level: 'snapshot' } });
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        database: db.databaseName,
        consistency,
      };
      await write(encodeLine(header));
      for (const { name, options } of collections) {
        const indexes = await db.collection(name).listIndexes().toArray();
        await write(encodeLine({ collection: name, options: options ?? {}, indexes }));
        counts[name] = await this.copyDocuments(db, name, session, (d) => write(encodeLine({ c: name, d })));
      }
      await write(encodeLine({ end: { counts } }));
      if (session?.inTransaction()) await session.abortTransaction(); // read only: nothing to commit
      out.end();
      await written;
      await rename(partial, file);
      return counts;
    } catch (error) {
      out.destroy();
      await written.catch(() => undefined);
      await rm(partial, { force: true });
      throw error;
    } finally {
      await session?.endSession();
    }
  }

  private async copyDocuments(
    db: Db,
    name: string,
    session: ClientSession | undefined,
    write: (doc: Document) => Promise<void>,
  ): Promise<number> {
    let count = 0;
    for await (const doc of db.collection(name).find({}, { session, batchSize: BATCH, sort: { _id: 1 } })) {
      await write(doc);
      count++;
    }
    return count;
  }

  /**
   * Validates the whole file first, then replaces the database's contents with it: existing
   * collections are dropped, the backup's recreated with their indexes and documents. Refuses a
   * database that holds documents unless `replace` is set. Run it with the API stopped.
   */
  async restore(file: string, { replace }: { replace: boolean }): Promise<Record<string, number>> {
    await readBackup(file);
    const db = this.db;
    const existing = (await db.listCollections({}, { nameOnly: true }).toArray()).filter(
      (c) => !c.name.startsWith('system.'),
    );
    if (!replace) {
      for (const { name } of existing) {
        if ((await db.collection(name).estimatedDocumentCount()) > 0)
          throw new DatabaseNotEmptyError(
            `database ${db.databaseName} is not empty (${name} has documents); pass --replace to overwrite it`,
          );
      }
    }
    for (const { name } of existing) await db.collection(name).drop();

    let batch: { name: string; docs: Document[] } | undefined;
    const flush = async () => {
      if (batch?.docs.length) await db.collection(batch.name).insertMany(batch.docs, { ordered: true });
      if (batch) batch.docs = [];
    };
    const { counts } = await readBackup(file, async (line) => {
      if ('collection' in line) {
        await flush();
        await db.createCollection(line.collection, line.options);
        const indexes = line.indexes
          .filter((index) => index.name !== '_id_')
          .map(({ v: _v, ns: _ns, ...index }) => index as { key: Document; name: string });
        if (indexes.length > 0) await db.collection(line.collection).createIndexes(indexes);
        batch = { name: line.collection, docs: [] };
      } else if ('c' in line) {
        batch!.docs.push(line.d);
        if (batch!.docs.length >= BATCH) await flush();
      } else {
        await flush();
      }
    });
    return counts;
  }
}
