// The index key format a store was written with (key-encoding.ts), kept in its meta record. A
// store written before the exact keys (format 2: exact numbers, long strings marked for their
// tie-break) has its index entries rebuilt at start: every index is emptied, then refilled from
// the documents, in bounded write transactions; documents whose _id key changed with the exact
// numbers (an int64 beyond 2^53, a fractional Decimal128) are moved to their new ref meanwhile.
// The format is recorded last, so an interrupted rebuild starts over at the next start.
import { Collection } from '../storage/collection.js';
import { documentRef, u32 } from '../storage/disk-store.js';
import { type Store } from '../storage/store.js';
import { decodeDocument, type StoredCollection } from '../storage/stored-collection.js';

export const KEY_FORMAT = 2;
/** Entries or documents handled per write transaction. */
const BATCH = 5000;
const RECORD_ID_BYTES = 8;

/**
 * Brings the store's index entries to KEY_FORMAT (nothing to do for a new or current store).
 * True when it rebuilt collections: reopen the store then (collated indexes, kept in memory,
 * were built at open with the documents' former keys).
 */
export function upgradeKeyFormat(store: Store, warn: (message: string) => void): boolean {
  if (store.metadata.keyFormat === KEY_FORMAT) return false;
  const collections = [...store.databases.values()].flatMap((byName) => [...byName.values()]);
  for (const collection of collections) rebuild(store, collection);
  store.disk.write(() => store.setMeta({ keyFormat: KEY_FORMAT }));
  if (collections.length > 0) warn(`rebuilt the indexes of ${collections.length} collections for exact index keys`);
  return collections.length > 0;
}

function rebuild(store: Store, collection: StoredCollection): void {
  const { disk } = store;
  // A collated index keeps its entries in memory, built from the documents at open: none on disk.
  const indexes = [collection.idIndex, ...collection.indexes.values()].filter((index) => !index.collation);
  for (const index of indexes) {
    const range = { start: u32(index.id), end: u32(index.id + 1), limit: BATCH };
    for (;;) {
      const keys = [...disk.entries.getKeys(range)].map((key) => Buffer.from(key));
      if (keys.length === 0) break;
      disk.write(() => keys.forEach((key) => disk.entries.removeSync(key)));
    }
  }
  let start = collection.prefix;
  for (;;) {
    const batch = [...disk.natural.getRange({ start, end: collection.end, limit: BATCH })].map(({ key, value }) => ({
      naturalKey: Buffer.from(key),
      ref: Buffer.from(value),
    }));
    if (batch.length === 0) break;
    disk.write(() => {
      for (const { naturalKey, ref } of batch) {
        const stored = disk.docs.get(collection.docKeyBytes(ref));
        if (!stored) continue;
        const doc = decodeDocument(stored.subarray(RECORD_ID_BYTES));
        const docKey = Collection.keyOf(doc);
        const newRef = documentRef(docKey);
        if (!newRef.equals(ref)) {
          disk.docs.removeSync(collection.docKeyBytes(ref));
          disk.docs.putSync(collection.docKeyBytes(newRef), Buffer.from(stored));
          disk.natural.putSync(naturalKey, newRef);
        }
        for (const index of indexes) index.add(docKey, doc);
      }
    });
    start = Buffer.concat([batch[batch.length - 1].naturalKey, Buffer.from([0])]);
  }
}
