// A collection's documents and indexes. Documents are kept by the canonical key of their _id;
// every change keeps the indexes in step. The committed collections live on disk
// (StoredCollection); a transaction's own writes are indexed in memory (MemoryCollection).
import { type Document } from 'bson';
import { DuplicateKeyError, MongoCommandError } from '../errors.js';
import { planQuery, type QueryShape, runPlan } from '../query/planner.js';
import { CollectionIndex, type IndexSpec } from './collection-index.js';
import { canonicalKey } from './values.js';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** A collection's documents by key, read-only (what queries and commands see). */
export interface DocumentTable {
  readonly size: number;
  get(key: string): Document | undefined;
  has(key: string): boolean;
  values(): Iterable<Document>;
  entries(): Iterable<[string, Document]>;
}

export abstract class Collection {
  abstract readonly docs: DocumentTable;
  abstract readonly indexes: Map<string, CollectionIndex>;
  /** _id in order (equality goes straight to `docs`); kept apart so listings and unique checks skip it. */
  abstract readonly idIndex: CollectionIndex;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document = {},
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  static keyOf(doc: Document): string {
    return canonicalKey(doc._id);
  }

  /**
   * Throws 171 if an index cannot hold `doc`. Checked when commands write (not on recovery, so
   * data written before this rule still loads).
   */
  assertIndexable(doc: Document, indexes: Iterable<CollectionIndex> = this.indexes.values()): void {
    for (const index of indexes) index.assertIndexable(doc);
  }

  /** Throws E11000 if `doc` (stored under docKey) would break a unique index. */
  assertUnique(docKey: string, doc: Document, isOther?: (key: string) => boolean): void {
    for (const index of this.indexes.values()) {
      const keyValue = index.conflictFor(docKey, doc, isOther);
      if (keyValue) throw new DuplicateKeyError(this.ns, index.name, index.spec.key as Document, keyValue);
    }
  }

  protected duplicateKey(index: CollectionIndex, keyValue: Document): never {
    throw new DuplicateKeyError(this.ns, index.name, index.spec.key as Document, keyValue);
  }

  protected duplicateId(doc: Document): never {
    throw new DuplicateKeyError(this.ns, '_id_', { _id: 1 }, { _id: doc._id });
  }

  abstract insert(doc: Document): void;
  abstract replace(docKey: string, doc: Document): void;
  /** Removes the document; returns it (undefined if there was none). */
  abstract delete(docKey: string): Document | undefined;
  /** Adds an index, filled from the documents; false if it already exists with that key. */
  abstract createIndex(spec: IndexSpec): boolean;
  abstract dropIndex(name: string): void;

  /** Whether an index of that name exists already (with another key: an error). */
  protected hasIndex(spec: IndexSpec): boolean {
    const existing = [...this.indexes.values()].find((i) => i.name === spec.name);
    if (!existing) return false;
    if (JSON.stringify(existing.spec.key) !== JSON.stringify(spec.key)) {
      throw new MongoCommandError(
        'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index: ${spec.name}`,
      );
    }
    return true;
  }

  protected assertDroppable(name: string): void {
    if (name === '_id_') throw new MongoCommandError('InvalidOptions', 'cannot drop _id index');
    if (!this.indexes.has(name)) throw new MongoCommandError('IndexNotFound', `index not found with name [${name}]`);
  }

  /** Documents that may match a query, in the plan's order (see query/planner.ts). */
  candidates(shape: QueryShape): { entries: Iterable<[string, Document]>; isSorted: boolean } {
    const plan = planQuery(this, shape);
    const isSorted = plan.kind === 'ixscan' ? plan.providesSort : plan.kind === 'ids' && plan.keys.length <= 1;
    return { entries: runPlan(this, plan), isSorted };
  }
}

/** A collection held in memory: a transaction's own documents, indexed like the collection. */
export class MemoryCollection extends Collection {
  readonly docs = new Map<string, Document>();
  readonly indexes = new Map<string, CollectionIndex>();
  readonly idIndex = new CollectionIndex(ID_INDEX);

  insert(doc: Document): void {
    const docKey = Collection.keyOf(doc);
    if (this.docs.has(docKey)) this.duplicateId(doc);
    this.assertUnique(docKey, doc);
    this.docs.set(docKey, doc);
    this.idIndex.add(docKey, doc);
    for (const index of this.indexes.values()) index.add(docKey, doc);
  }

  replace(docKey: string, doc: Document): void {
    const previous = this.docs.get(docKey);
    if (!previous) throw new Error(`replace of missing document ${docKey}`);
    // Most updates change a counter or two: indexes over untouched fields keep their entries.
    const changed = [...this.indexes.values()].filter((index) => index.isAffected(previous, doc));
    for (const index of changed) index.remove(docKey, previous);
    try {
      for (const index of changed) {
        const keyValue = index.conflictFor(docKey, doc, (holder) => holder !== docKey);
        if (keyValue) throw new DuplicateKeyError(this.ns, index.name, index.spec.key as Document, keyValue);
      }
    } catch (error) {
      for (const index of changed) index.add(docKey, previous);
      throw error;
    }
    this.docs.set(docKey, doc);
    for (const index of changed) index.add(docKey, doc);
  }

  delete(docKey: string): Document | undefined {
    const previous = this.docs.get(docKey);
    if (!previous) return undefined;
    for (const index of this.indexes.values()) index.remove(docKey, previous);
    this.idIndex.remove(docKey, previous);
    this.docs.delete(docKey);
    return previous;
  }

  /** Sets (or with null removes) a document without unique checks: a transaction's overlay, checked apart. */
  setUnchecked(docKey: string, doc: Document | null): void {
    const previous = this.docs.get(docKey);
    if (previous) for (const index of [this.idIndex, ...this.indexes.values()]) index.remove(docKey, previous);
    if (!doc) {
      this.docs.delete(docKey);
      return;
    }
    this.docs.set(docKey, doc);
    for (const index of [this.idIndex, ...this.indexes.values()]) index.add(docKey, doc);
  }

  createIndex(spec: IndexSpec): boolean {
    if (this.hasIndex(spec)) return false;
    const index = new CollectionIndex(spec);
    for (const [docKey, doc] of this.docs) {
      const keyValue = index.conflictFor(docKey, doc);
      if (keyValue) throw new DuplicateKeyError(this.ns, spec.name, spec.key as Document, keyValue);
      index.add(docKey, doc);
    }
    this.indexes.set(spec.name, index);
    return true;
  }

  dropIndex(name: string): void {
    this.assertDroppable(name);
    this.indexes.delete(name);
  }
}
