// All databases of one engine, the global change version, and the document locks that active
// transactions hold. Every committed change goes through `apply`, which the journal records.
import { type Document } from 'bson';
import { MongoCommandError } from '../errors.js';
import { Collection, ID_INDEX } from './collection.js';
import { type IndexSpec } from './collection-index.js';

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

export class Store {
  readonly databases = new Map<string, Map<string, Collection>>();
  version = 0;
  /** Told of each document about to change, with its committed state before (transactions keep it for their snapshot). */
  beforeDocumentChange?: (ns: string, key: string, previous: Document | null) => void;

  collection(ns: string): Collection | undefined {
    const [db, name] = splitNamespace(ns);
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created implicitly (as MongoDB does on first write) when missing. */
  ensureCollection(ns: string, options: Document = {}): { collection: Collection; isNew: boolean } {
    const existing = this.collection(ns);
    if (existing) return { collection: existing, isNew: false };
    const [db, name] = splitNamespace(ns);
    if (name.includes('$') || name.length === 0)
      throw new MongoCommandError('InvalidNamespace', `Invalid collection name: ${name}`);
    const collection = new Collection(db, name, options);
    let collections = this.databases.get(db);
    if (!collections) this.databases.set(db, (collections = new Map()));
    collections.set(name, collection);
    return { collection, isNew: true };
  }

  /** Applies committed operations in order; on failure, undoes those already applied. */
  apply(operations: Operation[]): void {
    const undo: (() => void)[] = [];
    try {
      for (const operation of operations) undo.push(this.applyOne(operation));
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }

  private applyOne(operation: Operation): () => void {
    const version = ++this.version;
    switch (operation.op) {
      case 'insert': {
        const { collection } = this.ensureCollection(operation.ns);
        const key = Collection.keyOf(operation.doc);
        this.beforeDocumentChange?.(operation.ns, key, collection.docs.get(key) ?? null);
        collection.insert(operation.doc, version);
        return () => collection.delete(key, version);
      }
      case 'replace': {
        const collection = this.collection(operation.ns)!;
        const previous = collection.docs.get(operation.key)!;
        this.beforeDocumentChange?.(operation.ns, operation.key, previous);
        collection.replace(operation.key, operation.doc, version);
        return () => collection.replace(operation.key, previous, version);
      }
      case 'delete': {
        const collection = this.collection(operation.ns);
        if (collection?.docs.has(operation.key))
          this.beforeDocumentChange?.(operation.ns, operation.key, collection.docs.get(operation.key)!);
        const previous = collection?.delete(operation.key, version);
        return () => previous && collection!.insert(previous, version);
      }
      case 'createCollection': {
        const { isNew } = this.ensureCollection(operation.ns, operation.options);
        if (!isNew) throw new MongoCommandError('NamespaceExists', `Collection ${operation.ns} already exists.`);
        return () => this.dropCollection(operation.ns);
      }
      case 'dropCollection':
        this.dropCollection(operation.ns);
        return () => undefined;
      case 'dropDatabase':
        this.databases.delete(operation.db);
        return () => undefined;
      case 'createIndex': {
        const { collection } = this.ensureCollection(operation.ns);
        const created = collection.createIndex(operation.spec);
        return () => created && collection.dropIndex(operation.spec.name);
      }
      case 'dropIndex':
        this.collection(operation.ns)?.dropIndex(operation.name);
        return () => undefined;
      case 'renameCollection': {
        const source = this.collection(operation.ns);
        if (!source) throw new MongoCommandError('NamespaceNotFound', 'source namespace does not exist');
        if (this.collection(operation.to)) throw new MongoCommandError('NamespaceExists', 'target namespace exists');
        const { collection: target } = this.ensureCollection(operation.to, source.options);
        for (const index of source.indexes.values()) target.createIndex(index.spec);
        for (const doc of source.docs.values()) target.insert(doc, version);
        this.dropCollection(operation.ns);
        return () => undefined;
      }
    }
  }

  dropCollection(ns: string): boolean {
    const [db, name] = splitNamespace(ns);
    return this.databases.get(db)?.delete(name) ?? false;
  }

  listIndexes(collection: Collection): IndexSpec[] {
    return [ID_INDEX, ...[...collection.indexes.values()].map((index) => index.spec)];
  }
}
