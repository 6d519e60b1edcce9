// All databases of one engine and the global change version. The catalog (collections, their
// indexes and document counts) is read from disk at start and kept in memory; the documents and
// index entries stay on disk. Every committed change goes through `apply`: one write transaction.
import { type Document } from 'bson';
import { MongoCommandError } from '../errors.js';
import { Collection, ID_INDEX } from './collection.js';
import { type IndexSpec } from './collection-index.js';
import { type DiskStore, u32, u64 } from './disk-store.js';
import { type CollectionRecord, decodeDocument, encodeDocument, StoredCollection } from './stored-collection.js';

/** One change, as journaled and replayed. */
export type Operation =
  | { op: 'insert'; ns: string; doc: Document }
  | { op: 'replace'; ns: string; key: string; doc: Document }
  | { op: 'delete'; ns: string; key: string }
  | { op: 'createCollection'; ns: string; options?: Document }
  | { op: 'dropCollection'; ns: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; ns: string; spec: IndexSpec }
  | { op: 'dropIndex'; ns: string; name: string }
  | { op: 'renameCollection'; ns: string; to: string };

export function splitNamespace(ns: string): [string, string] {
  const dot = ns.indexOf('.');
  if (dot <= 0 || dot === ns.length - 1)
    throw new MongoCommandError('InvalidNamespace', `Invalid namespace specified '${ns}'`);
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

/** Catalog keys: the meta record, collections by namespace, document counts by collection id. */
const META_KEY = Buffer.from([0x00]);
const nsKey = (ns: string) => Buffer.concat([Buffer.from([0x01]), Buffer.from(ns, 'utf8')]);
const countKey = (id: number) => Buffer.concat([Buffer.from([0x02]), u32(id)]);
const NS_RANGE = { start: Buffer.from([0x01]), end: Buffer.from([0x02]) };

export class Store {
  readonly databases = new Map<string, Map<string, StoredCollection>>();
  version = 0;
  /** Told of each document about to change, with its committed state before (transactions keep it for their snapshot). */
  beforeDocumentChange?: (ns: string, key: string, previous: Document | null) => void;
  private nextId = 1;
  private meta: Document = {};

  /** Opens the catalog of `disk`: the collections and indexes, nothing of their data. */
  constructor(readonly disk: DiskStore) {
    const meta = disk.catalog.get(META_KEY);
    if (meta) {
      this.meta = decodeDocument(meta);
      this.nextId = Number(this.meta.nextId);
    }
    for (const { value } of disk.catalog.getRange(NS_RANGE)) {
      const record = decodeDocument(value) as CollectionRecord;
      const count = disk.catalog.get(countKey(record.id));
      this.register(this.stored(record, count ? Number(count.readBigUInt64BE(0)) : 0));
    }
  }

  /** Facts kept with the data (format version, conversion), as last written by `setMeta`. */
  get metadata(): Document {
    return this.meta;
  }

  /** Records `changes` in the meta record (inside a write). */
  setMeta(changes: Document): void {
    this.meta = { ...this.meta, ...changes, nextId: this.nextId };
    this.disk.catalog.putSync(META_KEY, encodeDocument(this.meta));
  }

  private takeId(): number {
    const id = this.nextId++;
    this.setMeta({});
    return id;
  }

  private stored(record: CollectionRecord, count: number): StoredCollection {
    return new StoredCollection(this.disk, record, count, (collection) => this.persist(collection));
  }

  private persist(collection: StoredCollection): void {
    this.disk.catalog.putSync(nsKey(collection.ns), encodeDocument(collection.toRecord() as unknown as Document));
  }

  private register(collection: StoredCollection): void {
    let collections = this.databases.get(collection.db);
    if (!collections) this.databases.set(collection.db, (collections = new Map()));
    collections.set(collection.name, collection);
  }

  private unregister(ns: string): void {
    const [db, name] = splitNamespace(ns);
    const collections = this.databases.get(db);
    collections?.delete(name);
    if (collections?.size === 0) this.databases.delete(db);
  }

  collection(ns: string): StoredCollection | undefined {
    const [db, name] = splitNamespace(ns);
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created implicitly (as MongoDB does on first write) when missing. Inside a write. */
  ensureCollection(ns: string, options: Document = {}): { collection: StoredCollection; isNew: boolean } {
    const existing = this.collection(ns);
    if (existing) return { collection: existing, isNew: false };
    const [, name] = splitNamespace(ns);
    if (name.includes('$') || name.length === 0)
      throw new MongoCommandError('InvalidNamespace', `Invalid collection name: ${name}`);
    const collection = this.stored({ ns, id: this.takeId(), idIndexId: this.takeId(), options, indexes: [] }, 0);
    this.persist(collection);
    this.register(collection);
    return { collection, isNew: true };
  }

  /**
   * Applies operations in one write transaction of the store: all or none, and on disk when this
   * returns (a data directory). On failure the transaction is dropped, and what this object keeps in memory (catalog, counts) is undone.
   */
  apply(operations: Operation[]): void {
    const undo: (() => void)[] = [];
    const touched = new Set<StoredCollection>();
    try {
      this.disk.write(() => {
        for (const operation of operations) undo.push(this.applyOne(operation, touched));
        for (const collection of touched)
          if (this.collection(collection.ns) === collection)
            this.disk.catalog.putSync(countKey(collection.record.id), u64(collection.count));
      });
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.disk.close();
  }

  private applyOne(operation: Operation, touched: Set<StoredCollection>): () => void {
    ++this.version;
    switch (operation.op) {
      case 'insert': {
        const { collection, isNew } = this.ensureCollection(operation.ns);
        const key = Collection.keyOf(operation.doc);
        this.beforeDocumentChange?.(operation.ns, key, collection.docs.get(key) ?? null);
        collection.insert(operation.doc);
        touched.add(collection);
        return () => {
          collection.count--;
          if (isNew) this.unregister(operation.ns);
        };
      }
      case 'replace': {
        const collection = this.collection(operation.ns)!;
        this.beforeDocumentChange?.(operation.ns, operation.key, collection.docs.get(operation.key)!);
        collection.replace(operation.key, operation.doc);
        return () => undefined;
      }
      case 'delete': {
        const collection = this.collection(operation.ns);
        const previous = collection?.docs.get(operation.key);
        if (!collection || !previous) return () => undefined;
        this.beforeDocumentChange?.(operation.ns, operation.key, previous);
        collection.delete(operation.key);
        touched.add(collection);
        return () => collection.count++;
      }
      case 'createCollection': {
        const { isNew } = this.ensureCollection(operation.ns, operation.options);
        if (!isNew) throw new MongoCommandError('NamespaceExists', `Collection ${operation.ns} already exists.`);
        return () => this.unregister(operation.ns);
      }
      case 'dropCollection': {
        const collection = this.collection(operation.ns);
        return collection ? this.drop(collection) : () => undefined;
      }
      case 'dropDatabase': {
        const steps = [...(this.databases.get(operation.db)?.values() ?? [])].map((c) => this.drop(c));
        return () => steps.forEach((step) => step());
      }
      case 'createIndex': {
        const { collection, isNew } = this.ensureCollection(operation.ns);
        const created = collection.addIndex(operation.spec, this.takeId());
        this.persist(collection);
        return () => {
          if (created) collection.indexes.delete(operation.spec.name);
          if (isNew) this.unregister(operation.ns);
        };
      }
      case 'dropIndex': {
        const collection = this.collection(operation.ns);
        const index = collection?.indexes.get(operation.name);
        if (!collection) return () => undefined;
        collection.dropIndex(operation.name);
        this.persist(collection);
        return () => index && collection.indexes.set(operation.name, index);
      }
      case 'renameCollection': {
        const source = this.collection(operation.ns);
        if (!source) throw new MongoCommandError('NamespaceNotFound', 'source namespace does not exist');
        if (this.collection(operation.to)) throw new MongoCommandError('NamespaceExists', 'target namespace exists');
        splitNamespace(operation.to);
        // The data is keyed by collection id, not name: a rename rewrites the catalog only.
        const renamed = this.stored({ ...source.toRecord(), ns: operation.to }, source.count);
        this.disk.catalog.removeSync(nsKey(operation.ns));
        this.persist(renamed);
        this.unregister(operation.ns);
        this.register(renamed);
        return () => {
          this.unregister(operation.to);
          this.register(source);
        };
      }
    }
  }

  /** Drops a collection's data and catalog record; the returned step undoes the in-memory side. */
  private drop(collection: StoredCollection): () => void {
    const count = collection.count;
    collection.clear();
    this.disk.catalog.removeSync(nsKey(collection.ns));
    this.disk.catalog.removeSync(countKey(collection.record.id));
    this.unregister(collection.ns);
    return () => {
      collection.count = count;
      this.register(collection);
    };
  }

  listIndexes(collection: Collection): IndexSpec[] {
    return [ID_INDEX, ...[...collection.indexes.values()].map((index) => index.spec)];
  }
}
