// What a command sees and changes: the committed store directly, or a transaction's overlay on
// top of it. Commands are written once against this interface.
import { type Document } from 'bson';
import { type CompiledFilter, compileFilter } from '../query/filter.js';
import { DuplicateKeyError, writeConflict } from '../errors.js';
import { planQuery, type QueryShape, runPlan } from '../query/planner.js';
import { Collection, MemoryCollection } from './collection.js';
import type { CollectionIndex } from './collection-index.js';
import { type Operation, splitNamespace, Store } from './store.js';
import { Transaction, TransactionManager } from './transaction.js';

export interface Match {
  key: string;
  doc: Document;
}

export interface QueryResult {
  matches: Match[];
  /** Already in the shape's sort order (an index gave it). */
  isSorted: boolean;
}

export interface DocumentView {
  readonly transaction?: Transaction;
  /** Stored documents matching the filter (not copies: never mutate them). */
  find(ns: string, filter: Document, compiled?: CompiledFilter): Match[];
  /**
   * Like find, planned with the sort, limit and collation: at most `limit` matches, sorted when an
   * index allows. `compiled`: the test documents must pass (default: the shape's filter).
   */
  query(ns: string, shape: QueryShape, compiled?: CompiledFilter): QueryResult;
  get(ns: string, key: string): Document | undefined;
  /** Waits until the document may be written by this view (outside transactions: no lock held). */
  prepareWrite(ns: string, key: string): Promise<void>;
  insert(ns: string, doc: Document): void;
  /**
   * Inserts all the documents in one write if none fails (then true), else none (false: the
   * caller goes one by one, for per-document errors). Outside transactions only.
   */
  insertAll?(ns: string, docs: Document[]): boolean;
  replace(ns: string, key: string, doc: Document): void;
  delete(ns: string, key: string): void;
  collectionExists(ns: string): boolean;
}

function matching(query: CompiledFilter, entries: Iterable<[string, Document]>, limit = Infinity): Match[] {
  const result: Match[] = [];
  if (limit <= 0) return result;
  for (const [key, doc] of entries) {
    if (!query.test(doc)) continue;
    result.push({ key, doc });
    if (result.length >= limit) break;
  }
  return result;
}

/** Outside transactions: each write is applied at once and recorded for the journal. */
export class CommittedView implements DocumentView {
  readonly operations: Operation[] = [];

  constructor(
    private readonly store: Store,
    private readonly transactions: TransactionManager,
  ) {}

  find(ns: string, filter: Document, compiled?: CompiledFilter): Match[] {
    return this.query(ns, { filter }, compiled).matches;
  }

  query(ns: string, shape: QueryShape, compiled: CompiledFilter = compileFilter(shape.filter)): QueryResult {
    const collection = this.store.collection(ns);
    if (!collection) return { matches: [], isSorted: true };
    const { entries, isSorted } = collection.candidates(shape);
    // Without a sort any `limit` matches do; with one, only when they arrive in order.
    const limit = shape.limit && (isSorted || !shape.sort) ? shape.limit : Infinity;
    return { matches: matching(compiled, entries, limit), isSorted };
  }

  get(ns: string, key: string): Document | undefined {
    return this.store.collection(ns)?.docs.get(key);
  }

  async prepareWrite(ns: string, key: string): Promise<void> {
    // A write outside a transaction waits for a transaction holding the document, as MongoDB does.
    for (let holder = this.transactions.lockHolder(ns, key); holder; holder = this.transactions.lockHolder(ns, key)) {
      await holder.ended;
    }
  }

  insert(ns: string, doc: Document): void {
    this.record({ op: 'insert', ns, doc });
  }

  insertAll(ns: string, docs: Document[]): boolean {
    // A transaction may have locked one of the keys while the caller waited for another.
    if (docs.some((doc) => this.transactions.lockHolder(ns, Collection.keyOf(doc)))) return false;
    const operations: Operation[] = docs.map((doc) => ({ op: 'insert', ns, doc }));
    try {
      const collection = this.store.collection(ns);
      if (collection) for (const doc of docs) collection.assertIndexable(doc);
      this.store.apply(operations);
    } catch {
      return false;
    }
    this.operations.push(...operations);
    return true;
  }

  replace(ns: string, key: string, doc: Document): void {
    this.record({ op: 'replace', ns, key, doc });
  }

  delete(ns: string, key: string): void {
    this.record({ op: 'delete', ns, key });
  }

  collectionExists(ns: string): boolean {
    return this.store.collection(ns) !== undefined;
  }

  private record(operation: Operation): void {
    if (operation.op === 'insert' || operation.op === 'replace')
      this.store.collection(operation.ns)?.assertIndexable(operation.doc);
    this.store.apply([operation]);
    this.operations.push(operation);
  }
}

/** Inside a transaction: reads see its snapshot and its own writes; writes stay private until commit. */
export class TransactionView implements DocumentView {
  constructor(
    private readonly store: Store,
    private readonly transactions: TransactionManager,
    readonly transaction: Transaction,
  ) {}

  find(ns: string, filter: Document, compiled: CompiledFilter = compileFilter(filter)): Match[] {
    return this.matches(ns, { filter }, compiled);
  }

  private matches(ns: string, shape: QueryShape, compiled: CompiledFilter): Match[] {
    const { filter, collation } = shape;
    const overlay = this.transaction.writes.get(ns);
    const before = this.transaction.before.get(ns);
    const collection = this.store.collection(ns);
    // Committed documents unchanged since the start, then those others changed as they were, then ours.
    const isCurrent = (key: string) => !overlay?.has(key) && !before?.has(key);
    const plan = collection ? planQuery(collection, { filter, collation }) : null;
    const result = collection ? matching(compiled, runPlan(collection, plan!)).filter((m) => isCurrent(m.key)) : [];
    // A lookup by _id needs only those documents of the transaction's maps, not a scan of them
    // (a transaction updating many documents by id would otherwise be quadratic).
    const ids = plan?.kind === 'ids' ? plan.keys : null;
    const byIds = (map: Map<string, Document | null>): Iterable<[string, Document | null]> =>
      ids!.flatMap((key) => (map.has(key) ? [[key, map.get(key)!] as [string, Document | null]] : []));
    if (before)
      for (const [key, doc] of ids ? byIds(before) : before)
        if (doc && !overlay?.has(key) && compiled.test(doc)) result.push({ key, doc });
    if (overlay) {
      // Other filters (upserts by a unique key, many per bulk write) go through the overlay's own indexes.
      const own = ids
        ? byIds(overlay)
        : runPlan(
            this.overlayCollection(ns, overlay),
            planQuery(this.overlayCollection(ns, overlay), { filter, collation }),
          );
      for (const [key, doc] of own) if (doc && compiled.test(doc)) result.push({ key, doc });
    }
    return result;
  }

  /** The transaction's own documents of `ns`, indexed like the collection; kept up to date by `write`. */
  private overlayCollection(ns: string, overlay: Map<string, Document | null>): MemoryCollection {
    let own = this.transaction.indexedOverlays.get(ns);
    if (!own) {
      const [db, name] = splitNamespace(ns);
      own = new MemoryCollection(db, name);
      for (const index of this.store.collection(ns)?.indexes.values() ?? []) own.createIndex(index.spec);
      for (const [key, doc] of overlay) if (doc) own.setUnchecked(key, doc);
      this.transaction.indexedOverlays.set(ns, own);
    }
    return own;
  }

  query(ns: string, shape: QueryShape, compiled: CompiledFilter = compileFilter(shape.filter)): QueryResult {
    return { matches: this.matches(ns, shape, compiled), isSorted: false };
  }

  get(ns: string, key: string): Document | undefined {
    const overlay = this.transaction.writes.get(ns);
    if (overlay?.has(key)) return overlay.get(key) ?? undefined;
    const before = this.transaction.before.get(ns);
    if (before?.has(key)) return before.get(key) ?? undefined;
    return this.store.collection(ns)?.docs.get(key);
  }

  async prepareWrite(ns: string, key: string): Promise<void> {
    this.transactions.lock(this.transaction, ns, key);
  }

  insert(ns: string, doc: Document): void {
    const key = Collection.keyOf(doc);
    if (this.get(ns, key)) throw new DuplicateKeyError(ns, '_id_', { _id: 1 }, { _id: doc._id });
    this.transactions.lock(this.transaction, ns, key);
    this.assertUnique(ns, key, doc);
    this.write(ns, key, doc);
  }

  replace(ns: string, key: string, doc: Document): void {
    this.transactions.lock(this.transaction, ns, key);
    this.assertUnique(ns, key, doc);
    this.write(ns, key, doc);
  }

  delete(ns: string, key: string): void {
    this.transactions.lock(this.transaction, ns, key);
    this.write(ns, key, null);
  }

  /** Sets the overlay's version of a document, keeping its unique keys up to date. */
  private write(ns: string, key: string, doc: Document | null): void {
    const overlay = this.transaction.overlay(ns);
    const previous = overlay.get(key);
    for (const index of this.uniqueIndexes(ns)) {
      const holders = this.overlayKeys(ns, index);
      if (previous) for (const indexKey of index.keysOf(previous)) holders.get(indexKey)?.delete(key);
      if (doc) for (const indexKey of index.keysOf(doc)) addHolder(holders, indexKey, key);
    }
    overlay.set(key, doc);
    this.transaction.indexedOverlays.get(ns)?.setUnchecked(key, doc);
  }

  /** Unique indexes other than _id (whose clashes `insert` finds by key). */
  private uniqueIndexes(ns: string): CollectionIndex[] {
    const collection = this.store.collection(ns);
    return collection ? [...collection.indexes.values()].filter((i) => i.isUnique && i.name !== '_id_') : [];
  }

  /** Index key → overlay documents holding it, built once per transaction and index. */
  private overlayKeys(ns: string, index: CollectionIndex): Map<string, Set<string>> {
    const id = `${ns}\u0000${index.name}`;
    let holders = this.transaction.uniqueKeys.get(id);
    if (!holders) {
      holders = new Map();
      for (const [key, doc] of this.transaction.writes.get(ns) ?? [])
        if (doc) for (const indexKey of index.keysOf(doc)) addHolder(holders, indexKey, key);
      this.transaction.uniqueKeys.set(id, holders);
    }
    return holders;
  }

  collectionExists(ns: string): boolean {
    return this.store.collection(ns) !== undefined || this.transaction.writes.has(ns);
  }

  /** Unique indexes against committed documents not rewritten here, and this transaction's own. */
  private assertUnique(ns: string, key: string, doc: Document): void {
    const collection = this.store.collection(ns);
    if (!collection) return;
    collection.assertIndexable(doc);
    const overlay = this.transaction.writes.get(ns) ?? new Map<string, Document | null>();
    // A key taken by a document committed after this snapshot began is a write conflict, as in
    // MongoDB: the retried transaction sees that document (an upsert then updates it).
    let isTakenSinceStart = false;
    try {
      collection.assertUnique(key, doc, (holder) => {
        if (overlay.has(holder)) return false;
        if (this.transaction.before.get(ns)?.get(holder) === null) isTakenSinceStart = true;
        return true;
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError && isTakenSinceStart) throw writeConflict();
      throw error;
    }
    for (const index of this.uniqueIndexes(ns)) {
      const holders = this.overlayKeys(ns, index);
      for (const indexKey of index.keysOf(doc)) {
        const other = [...(holders.get(indexKey) ?? [])].find((holder) => holder !== key);
        if (other === undefined) continue;
        const keyValue = index.sharesKey(doc, overlay.get(other)!);
        if (keyValue) throw new DuplicateKeyError(ns, index.name, index.spec.key as Document, keyValue);
      }
    }
  }
}

function addHolder(holders: Map<string, Set<string>>, indexKey: string, docKey: string): void {
  let set = holders.get(indexKey);
  if (!set) holders.set(indexKey, (set = new Set()));
  set.add(docKey);
}
