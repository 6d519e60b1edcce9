// The engine's files: one LMDB environment (copy-on-write B+trees, readers on snapshots that
// never wait for the writer) with four tables:
//   catalog  ns → BSON { id, options, indexes: [{ id, spec, multikey }] }, plus a meta record
//   docs     collection id + document ref → record id (8 bytes) + the document as BSON
//   natural  collection id + record id → document ref (insertion order, as MongoDB's $natural)
//   entries  index id + key bytes (key-encoding.ts) + document ref → the document's key
// A document ref is its canonical _id key (values.ts) as UTF-8, or a hash of it when long.
//
// Each change is one synchronous LMDB write transaction (so the engine reads its own writes at
// once). In a data directory every commit is LMDB's own durable commit: the new pages are
// written and fdatasync'd, and only then the meta page that makes them current is written
// through a synchronous descriptor. The file on disk is therefore always one committed state,
// whatever instant the power goes, and a commit that returned is on disk (docs/engine-storage.md).
// Without a data directory the store lives in a temporary directory (tmpfs when there is one),
// unsynced, removed at close.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, open, type RootDatabase } from 'lmdb';
import { DocumentCache } from './document-cache.js';

export const STORE_FILE = 'store.mdb';
/** Longest document ref kept as is (longer ones become a hash, to stay within LMDB's key size). */
const MAX_REF_BYTES = 256;
/** Page size of a new store file. */
const PAGE_BYTES = 16384;
/** BSON bytes of decoded documents kept for reads (their objects take about twice that). */
const CACHE_BYTES = 24 * 1024 * 1024;

export type Table = Database<Buffer, Buffer>;

export class DiskStore {
  readonly docs: Table;
  readonly natural: Table;
  readonly entries: Table;
  readonly catalog: Table;
  readonly cache = new DocumentCache(CACHE_BYTES);
  /** Inside `write`: reads see uncommitted changes then, which must not be cached. */
  isWriting = false;
  /** Undoes in-memory state changed beside the current write (collated indexes) if it aborts. */
  private abortSteps: (() => void)[] = [];
  private isClosed = false;

  private constructor(
    private readonly root: RootDatabase<Buffer, Buffer>,
    readonly path: string,
    private readonly temporaryDir?: string,
  ) {
    const table = (name: string) => root.openDB<Buffer, Buffer>(name, { keyEncoding: 'binary', encoding: 'binary' });
    this.docs = table('docs');
    this.natural = table('natural');
    this.entries = table('entries');
    this.catalog = table('catalog');
  }

  /** Opens (creating) the store file in `dir`, or a temporary one when `dir` is absent. */
  static open(dir?: string): DiskStore {
    const temporaryDir = dir ? undefined : mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'engine-'));
    const base = dir ?? temporaryDir!;
    mkdirSync(base, { recursive: true });
    const path = join(base, STORE_FILE);
    const root = open<Buffer, Buffer>({
      path,
      maxDbs: 8,
      // A data directory: plain synchronous commits (see the header). lmdb's overlappingSync
      // would sync on this same thread inside the commit as well, with more steps; a temporary
      // store needs no sync at all.
      noSync: dir === undefined,
      overlappingSync: false,
      // For a new file (an existing one keeps its own): 1 KB documents fill 4 KB pages about
      // half (two per page after a split), 16 KB pages about 80% (docs/engine-storage.md).
      pageSize: PAGE_BYTES,
      keyEncoding: 'binary',
      encoding: 'binary',
    });
    return new DiskStore(root, path, temporaryDir);
  }

  /**
   * Runs `work` in one write transaction: all of it is committed, or (if it throws) none. In a
   * data directory the commit is on disk when this returns.
   */
  write<T>(work: () => T): T {
    if (this.isClosed) throw new Error('the store is closed');
    this.isWriting = true;
    this.abortSteps = [];
    try {
      return this.root.transactionSync(work);
    } catch (error) {
      for (const step of this.abortSteps.reverse()) step();
      throw error;
    } finally {
      this.isWriting = false;
      this.abortSteps = [];
    }
  }

  /** Inside `write`: `step` runs if the write aborts, after its changes on disk are dropped. */
  undoOnAbort(step: () => void): void {
    if (this.isWriting) this.abortSteps.push(step);
  }

  /** A consistent copy of the store file at `target` (a snapshot: writers go on meanwhile). */
  backup(target: string, compact = true): Promise<void> {
    return this.root.backup(target, compact);
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await this.root.close();
    if (this.temporaryDir) rmSync(this.temporaryDir, { recursive: true, force: true });
  }
}

/** Bytes that name a document within its collection's tables. */
export function documentRef(docKey: string): Buffer {
  const bytes = Buffer.from(docKey, 'utf8');
  if (bytes.length <= MAX_REF_BYTES) return bytes;
  return Buffer.concat([Buffer.from([0xfe]), createHash('sha256').update(bytes).digest()]);
}

export function u32(value: number): Buffer {
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(value);
  return out;
}

export function u64(value: number): Buffer {
  const out = Buffer.allocUnsafe(8);
  out.writeBigUInt64BE(BigInt(value));
  return out;
}
