// A committed collection on disk (see disk-store.ts for the tables). Reads decode documents from
// LMDB's current snapshot; writes run inside the store's write transaction (Store.apply), keep
// the indexes in step and the document count, which the catalog keeps beside the collection.
import { deserialize, type Document, serialize } from 'bson';
import { Collection, type DocumentTable, ID_INDEX } from './collection.js';
import { type IndexSpec } from './collection-index.js';
import { type DiskStore, documentRef, u32, u64 } from './disk-store.js';
import { normalizeNumbers } from './numbers.js';
import { StoredIndex } from './stored-index.js';

/** What the catalog keeps of a collection. */
export interface CollectionRecord {
  ns: string;
  id: number;
  options: Document;
  idIndexId: number;
  indexes: { id: number; spec: IndexSpec; multikey: boolean[] }[];
}

export function encodeDocument(doc: Document): Buffer {
  const bytes = serialize(doc, { checkKeys: false, ignoreUndefined: true });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** A stored document as the engine keeps it: number types as written (see numbers.ts). */
export function decodeDocument(bytes: Uint8Array): Document {
  const doc = deserialize(bytes, { promoteBuffers: false, promoteValues: false, promoteLongs: false });
  return normalizeNumbers(doc, true) as Document;
}

const RECORD_ID_BYTES = 8;

class StoredDocuments implements DocumentTable {
  constructor(private readonly collection: StoredCollection) {}

  get size(): number {
    return this.collection.count;
  }

  get(key: string): Document | undefined {
    const cacheKey = this.collection.cacheKey(key);
    const cached = this.collection.disk.cache.get(cacheKey);
    if (cached) return cached;
    const stored = this.collection.read(key);
    return stored ? this.decode(cacheKey, stored) : undefined;
  }

  private decode(cacheKey: string, stored: Buffer): Document {
    const doc = decodeDocument(stored.subarray(RECORD_ID_BYTES));
    const { disk } = this.collection;
    if (!disk.isWriting) disk.cache.set(cacheKey, doc, stored.length);
    return doc;
  }

  has(key: string): boolean {
    return this.collection.disk.docs.doesExist(this.collection.docKeyBytes(documentRef(key)));
  }

  *entries(): Generator<[string, Document]> {
    const { disk, prefix, end } = this.collection;
    for (const { value: ref } of disk.natural.getRange({ start: prefix, end })) {
      // A ref is the document's key in UTF-8 unless it was too long (then a hash, marked 0xFE).
      const docKey = ref[0] === 0xfe ? undefined : ref.toString('utf8');
      const cacheKey = docKey === undefined ? undefined : this.collection.cacheKey(docKey);
      const cached = cacheKey === undefined ? undefined : disk.cache.get(cacheKey);
      if (cached) {
        yield [docKey!, cached];
        continue;
      }
      const stored = disk.docs.get(this.collection.docKeyBytes(ref));
      if (!stored) continue;
      const doc =
        cacheKey === undefined ? decodeDocument(stored.subarray(RECORD_ID_BYTES)) : this.decode(cacheKey, stored);
      yield [docKey ?? Collection.keyOf(doc), doc];
    }
  }

  *values(): Generator<Document> {
    for (const [, doc] of this.entries()) yield doc;
  }
}

export class StoredCollection extends Collection {
  readonly docs: DocumentTable = new StoredDocuments(this);
  readonly indexes = new Map<string, StoredIndex>();
  readonly idIndex: StoredIndex;
  readonly prefix: Buffer;
  readonly end: Buffer;
  private nextRecordId: number;

  constructor(
    readonly disk: DiskStore,
    readonly record: CollectionRecord,
    /** Documents now (kept with the catalog, in the same write transactions). */
    public count: number,
    /** Writes this collection's catalog record (inside the current write transaction). */
    private readonly persist: (collection: StoredCollection) => void,
  ) {
    const dot = record.ns.indexOf('.');
    super(record.ns.slice(0, dot), record.ns.slice(dot + 1), record.options);
    this.prefix = u32(record.id);
    this.end = u32(record.id + 1);
    this.idIndex = this.indexFor({ id: record.idIndexId, spec: ID_INDEX, multikey: [] });
    for (const index of record.indexes) this.indexes.set(index.spec.name, this.indexFor(index).open());
    let lastId = 0;
    for (const key of disk.natural.getKeys({ start: this.end, end: this.prefix, reverse: true, limit: 1 }))
      lastId = Number(key.readBigUInt64BE(4));
    this.nextRecordId = lastId + 1;
  }

  private indexFor(entry: CollectionRecord['indexes'][number]): StoredIndex {
    return new StoredIndex(
      entry.spec,
      entry.id,
      this.disk,
      entry.multikey,
      (docKey) => this.docs.get(docKey),
      () => this.persist(this),
      () => this.docs.entries(),
    );
  }

  /** The catalog record as of now (index list and multikey flags included). */
  toRecord(): CollectionRecord {
    return {
      ...this.record,
      ns: this.ns,
      indexes: [...this.indexes.values()].map((index) => ({
        id: index.id,
        spec: index.spec,
        multikey: index.multikey,
      })),
    };
  }

  cacheKey(docKey: string): string {
    return `${this.record.id}:${docKey}`;
  }

  docKeyBytes(ref: Buffer): Buffer {
    return Buffer.concat([this.prefix, ref]);
  }

  /** The stored bytes of a document (record id, then BSON). */
  read(docKey: string): Buffer | undefined {
    return this.disk.docs.get(this.docKeyBytes(documentRef(docKey)));
  }

  insert(doc: Document): void {
    const docKey = Collection.keyOf(doc);
    const ref = documentRef(docKey);
    const key = this.docKeyBytes(ref);
    if (this.disk.docs.doesExist(key)) this.duplicateId(doc);
    this.assertUnique(docKey, doc);
    this.disk.cache.delete(this.cacheKey(docKey));
    const recordId = u64(this.nextRecordId++);
    this.disk.docs.putSync(key, Buffer.concat([recordId, encodeDocument(doc)]));
    this.disk.natural.putSync(Buffer.concat([this.prefix, recordId]), ref);
    this.idIndex.add(docKey, doc);
    for (const index of this.indexes.values()) index.add(docKey, doc);
    this.count++;
  }

  replace(docKey: string, doc: Document): void {
    const stored = this.read(docKey);
    if (!stored) throw new Error(`replace of missing document ${docKey}`);
    const previous = decodeDocument(stored.subarray(RECORD_ID_BYTES));
    // Most updates change a counter or two: indexes over untouched fields keep their entries.
    const changed = [...this.indexes.values()].filter((index) => index.isAffected(previous, doc));
    for (const index of changed) index.remove(docKey, previous);
    for (const index of changed) {
      const keyValue = index.conflictFor(docKey, doc);
      if (keyValue) this.duplicateKey(index, keyValue);
    }
    const recordId = stored.subarray(0, RECORD_ID_BYTES);
    this.disk.cache.delete(this.cacheKey(docKey));
    this.disk.docs.putSync(this.docKeyBytes(documentRef(docKey)), Buffer.concat([recordId, encodeDocument(doc)]));
    for (const index of changed) index.add(docKey, doc);
  }

  delete(docKey: string): Document | undefined {
    const ref = documentRef(docKey);
    const stored = this.disk.docs.get(this.docKeyBytes(ref));
    if (!stored) return undefined;
    const previous = decodeDocument(stored.subarray(RECORD_ID_BYTES));
    for (const index of this.indexes.values()) index.remove(docKey, previous);
    this.idIndex.remove(docKey, previous);
    this.disk.cache.delete(this.cacheKey(docKey));
    this.disk.docs.removeSync(this.docKeyBytes(ref));
    this.disk.natural.removeSync(Buffer.concat([this.prefix, stored.subarray(0, RECORD_ID_BYTES)]));
    this.count--;
    return previous;
  }

  /** Adds the index under a fresh id; the caller (Store) records the catalog. */
  addIndex(spec: IndexSpec, id: number): StoredIndex | undefined {
    if (this.hasIndex(spec)) return undefined;
    const index = this.indexFor({ id, spec, multikey: spec.key ? Object.keys(spec.key).map(() => false) : [] });
    for (const [docKey, doc] of this.docs.entries()) {
      const keyValue = index.conflictFor(docKey, doc);
      if (keyValue) this.duplicateKey(index, keyValue);
      index.add(docKey, doc);
    }
    this.indexes.set(spec.name, index);
    return index;
  }

  createIndex(): boolean {
    throw new Error('stored collections get indexes through Store.apply');
  }

  dropIndex(name: string): void {
    this.assertDroppable(name);
    this.indexes.get(name)!.clear();
    this.indexes.delete(name);
  }

  /** Removes every document and index entry (the collection is dropped). */
  clear(): void {
    for (const index of [this.idIndex, ...this.indexes.values()]) index.clear();
    for (const table of [this.disk.docs, this.disk.natural])
      for (const key of table.getKeys({ start: this.prefix, end: this.end })) table.removeSync(key);
    this.count = 0;
  }
}
