// Opening an engine's data: locks the data directory (one engine process at a time), opens the
// LMDB store file and, the first time a directory of the old format (snapshot + journal) is
// opened, converts it: every record goes into the store in order, the result is checked
// (reopened, documents counted against the catalog, index entries against the documents), and
// only then are the old files renamed to *.pre-lmdb (kept for the operator to delete). A
// conversion interrupted half-way starts over at the next start.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_MAX, KEY_MIN } from '../storage/bson-order.js';
import { DiskStore, STORE_FILE } from '../storage/disk-store.js';
import { Store } from '../storage/store.js';
import { KEY_FORMAT, upgradeKeyFormat } from './key-format.js';
import { hasLegacyData, LEGACY_JOURNAL, LEGACY_SNAPSHOT, readLegacyData } from './legacy-format.js';

const LOCK = 'mongod.lock';
export const CONVERTED_SUFFIX = '.pre-lmdb';

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

function releaseLock(dir: string): void {
  openDirectories.delete(dir);
  rmSync(join(dir, LOCK), { force: true });
}

export interface OpenedStore {
  store: Store;
  /** Closes the store and unlocks the directory (or removes a temporary store). */
  close(): Promise<void>;
}

/** Opens the store of `dir` (locked, converted if needed), or a temporary one without `dir`. */
export async function openStore(dir: string | undefined, warn: (message: string) => void): Promise<OpenedStore> {
  if (!dir) {
    const store = new Store(DiskStore.open());
    upgradeKeyFormat(store, warn);
    return { store, close: () => store.close() };
  }
  mkdirSync(dir, { recursive: true });
  acquireLock(dir);
  try {
    let store = new Store(DiskStore.open(dir));
    if (hasLegacyData(dir) && !store.metadata.convertedFrom) store = await convert(dir, store, warn);
    if (upgradeKeyFormat(store, warn)) {
      await store.close();
      store = new Store(DiskStore.open(dir));
    }
    return {
      store,
      close: async () => {
        await store.close();
        releaseLock(dir);
      },
    };
  } catch (error) {
    releaseLock(dir);
    throw error;
  }
}

async function convert(dir: string, partial: Store, warn: (message: string) => void): Promise<Store> {
  // A store left by an interrupted conversion holds part of the data: start again from nothing.
  await partial.close();
  rmSync(join(dir, STORE_FILE), { force: true });
  rmSync(join(dir, `${STORE_FILE}-lock`), { force: true });
  let store = new Store(DiskStore.open(dir));
  let operations = 0;
  for (const batch of readLegacyData(dir, warn)) {
    store.apply(batch);
    operations += batch.length;
  }
  await store.close();
  store = new Store(DiskStore.open(dir));
  const documents = verify(store);
  // A committed write is on disk: the old files can step aside now.
  store.disk.write(() =>
    store.setMeta({ convertedFrom: { at: new Date(), operations, documents }, keyFormat: KEY_FORMAT }),
  );
  for (const file of [LEGACY_SNAPSHOT, LEGACY_JOURNAL]) {
    const path = join(dir, file);
    if (existsSync(path)) renameSync(path, path + CONVERTED_SUFFIX);
  }
  warn(
    `converted ${dir} to the LMDB store (${documents} documents); the old files are kept as *${CONVERTED_SUFFIX} and may be deleted`,
  );
  return store;
}

/** Checks the reopened store against itself; returns how many documents it holds. */
function verify(store: Store): number {
  let total = 0;
  for (const collections of store.databases.values()) {
    for (const collection of collections.values()) {
      let count = 0;
      for (const _entry of collection.docs.entries()) count++;
      if (count !== collection.count)
        throw new Error(
          `conversion check failed: ${collection.ns} has ${count} documents, its catalog ${collection.count}`,
        );
      for (const index of [collection.idIndex, ...collection.indexes.values()]) {
        // An index without arrays, sparseness or a filter has one entry per document.
        if (index.isPartial || index.isSparse || index.fields.some((_, i) => index.isMultikey(i))) continue;
        const entries = index.countRange(
          { lo: index.fields.map(() => KEY_MIN), loAfter: false, hi: index.fields.map(() => KEY_MAX), hiAfter: true },
          Infinity,
        );
        if (entries !== count)
          throw new Error(
            `conversion check failed: index ${collection.ns}.${index.name} has ${entries} entries for ${count} documents`,
          );
      }
      total += count;
    }
  }
  return total;
}
