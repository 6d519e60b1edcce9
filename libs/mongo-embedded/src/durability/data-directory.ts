// Durable storage for one engine: a snapshot of every collection plus an append-only journal of
// the changes since. Every acknowledged write is in the journal and fsynced before the reply
// (concurrent writes share one fsync: group commit). Recovery loads the snapshot, replays the
// journal and cuts off a torn tail. A lock file keeps a second process out.
import { type Document } from 'bson';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync as fsWriteSync,
} from 'node:fs';
import { type FileHandle, open, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { Collection } from '../storage/collection.js';
import { type IndexSpec } from '../storage/collection-index.js';
import { type Operation, Store } from '../storage/store.js';
import { frame, readRecords } from './record-file.js';

const SNAPSHOT = 'snapshot.bson';
const JOURNAL = 'journal.log';
const LOCK = 'mongod.lock';
/** Past this size the journal is folded into a new snapshot (when no command is running). */
export const COMPACT_AFTER_BYTES = 64 * 1024 * 1024;
/** A journal with anything in it is folded into a snapshot at least this often, so recovery stays quick. */
export const COMPACT_EVERY_MS = 10 * 60_000;

export interface CompactionPolicy {
  afterBytes?: number;
  everyMs?: number;
}

/** Directories opened by this process (a second open in the same process is refused too). */
const openDirectories = new Set<string>();

/** Another process (`pid`, or this one when null) holds the data directory `dir`. */
export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number | null,
    message: string,
  ) {
    super(message);
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function acquireLock(dir: string): void {
  const path = join(dir, LOCK);
  if (openDirectories.has(dir)) throw new DataDirectoryLockedError(dir, null, `${dir} is already open in this process`);
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isProcessAlive(pid)) {
      throw new DataDirectoryLockedError(
        dir,
        pid,
        `${dir} is in use by process ${pid} (remove ${path} if that is wrong)`,
      );
    }
  }
  writeFileSync(path, String(process.pid));
  openDirectories.add(dir);
}

export interface RecoveryReport {
  operationsReplayed: number;
  tornTailBytes: number;
}

export class DataDirectory {
  private journal!: FileHandle;
  private journalBytes = 0;
  private sequence = 0;
  private pending: Buffer[] = [];
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing?: Promise<void>;
  private isClosed = false;
  private lastCompactedAt = Date.now();
  private readonly compactAfterBytes: number;
  private readonly compactEveryMs: number;

  private constructor(
    readonly dir: string,
    policy: CompactionPolicy,
  ) {
    this.compactAfterBytes = policy.afterBytes ?? COMPACT_AFTER_BYTES;
    this.compactEveryMs = policy.everyMs ?? COMPACT_EVERY_MS;
  }

  /** Opens (creating if needed), locks and recovers the directory into `store`. */
  static async open(
    dir: string,
    store: Store,
    warn: (message: string) => void,
    policy: CompactionPolicy = {},
  ): Promise<{ directory: DataDirectory; report: RecoveryReport }> {
    mkdirSync(dir, { recursive: true });
    acquireLock(dir);
    const directory = new DataDirectory(dir, policy);
    try {
      const report = await directory.recover(store, warn);
      directory.journal = await open(join(dir, JOURNAL), 'a');
      return { directory, report };
    } catch (error) {
      openDirectories.delete(dir);
      throw error;
    }
  }

  private async recover(store: Store, warn: (message: string) => void): Promise<RecoveryReport> {
    let snapshotSequence = 0;
    const snapshotPath = join(this.dir, SNAPSHOT);
    if (existsSync(snapshotPath)) {
      const { records, isTornTail } = readRecords(readFileSync(snapshotPath));
      // Snapshots are written to a temporary file and renamed: a damaged one is not ours to fix.
      if (isTornTail) throw new Error(`${snapshotPath} is damaged; restore it from a backup`);
      for (const record of records) snapshotSequence = Math.max(snapshotSequence, loadSnapshotRecord(store, record));
    }
    const journalPath = join(this.dir, JOURNAL);
    let replayed = 0;
    let tornTailBytes = 0;
    this.sequence = snapshotSequence;
    if (existsSync(journalPath)) {
      const data = readFileSync(journalPath);
      const { records, validLength, isTornTail } = readRecords(data);
      for (const record of records) {
        if ((record.seq as number) <= snapshotSequence) continue;
        store.apply(record.ops as Operation[]);
        this.sequence = record.seq as number;
        replayed += (record.ops as Operation[]).length;
      }
      if (isTornTail) {
        tornTailBytes = data.length - validLength;
        warn(
          `journal ${journalPath}: ${tornTailBytes} bytes after the last complete record were cut off (an interrupted write)`,
        );
        await truncate(journalPath, validLength);
      }
      this.journalBytes = validLength;
    }
    return { operationsReplayed: replayed, tornTailBytes };
  }

  /** Resolves once the operations are on disk. */
  append(operations: Operation[]): Promise<void> {
    if (this.isClosed) return Promise.reject(new Error('data directory is closed'));
    this.pending.push(frame({ seq: ++this.sequence, ops: operations }));
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.flushing ??= this.flush();
    return done;
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = Buffer.concat(this.pending);
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await this.journal.write(batch);
        await this.journal.datasync();
        this.journalBytes += batch.length;
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.flushing = undefined;
  }

  /** Whether the journal is big enough, or old enough with something in it, to fold into a snapshot. */
  shouldCompact(now = Date.now()): boolean {
    if (this.isClosed) return false;
    if (this.journalBytes > this.compactAfterBytes) return true;
    return this.journalBytes > 0 && now - this.lastCompactedAt >= this.compactEveryMs;
  }

  get journalSize(): number {
    return this.journalBytes;
  }

  /** Writes a full snapshot and starts an empty journal. The engine calls it when no command runs. */
  async compact(store: Store): Promise<void> {
    await this.flushing;
    const temporary = join(this.dir, `${SNAPSHOT}.tmp`);
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, frame({ kind: 'meta', seq: this.sequence, version: 1 }));
      for (const collections of store.databases.values()) {
        for (const collection of collections.values()) writeCollection(fd, collection);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, join(this.dir, SNAPSHOT));
    fsyncDirectory(this.dir);
    await this.journal.truncate(0);
    await this.journal.datasync();
    this.journalBytes = 0;
    this.lastCompactedAt = Date.now();
  }

  async close(store: Store): Promise<void> {
    if (this.isClosed) return;
    await this.flushing;
    await this.compact(store);
    this.isClosed = true;
    await this.journal.close();
    unlinkSync(join(this.dir, LOCK));
    openDirectories.delete(this.dir);
  }
}

function writeSync(fd: number, buffer: Buffer): void {
  let written = 0;
  while (written < buffer.length) written += fsWriteSync(fd, buffer, written, buffer.length - written);
}

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const DOCS_PER_RECORD = 1000;

function writeCollection(fd: number, collection: Collection): void {
  const indexes = [...collection.indexes.values()].map((index) => index.spec);
  writeSync(fd, frame({ kind: 'collection', ns: collection.ns, options: collection.options, indexes }));
  let batch: Document[] = [];
  for (const doc of collection.docs.values()) {
    batch.push(doc);
    if (batch.length === DOCS_PER_RECORD) {
      writeSync(fd, frame({ kind: 'docs', ns: collection.ns, docs: batch }));
      batch = [];
    }
  }
  if (batch.length > 0) writeSync(fd, frame({ kind: 'docs', ns: collection.ns, docs: batch }));
}

/** Loads one snapshot record; returns the journal sequence the snapshot covers (meta record). */
function loadSnapshotRecord(store: Store, record: Document): number {
  switch (record.kind) {
    case 'meta':
      return record.seq as number;
    case 'collection': {
      const { collection } = store.ensureCollection(record.ns as string, record.options as Document);
      for (const spec of record.indexes as IndexSpec[]) collection.createIndex(spec);
      return 0;
    }
    case 'docs': {
      const { collection } = store.ensureCollection(record.ns as string);
      for (const doc of record.docs as Document[]) collection.insert(doc, 0);
      return 0;
    }
    default:
      throw new Error(`unknown snapshot record ${String(record.kind)}`);
  }
}
