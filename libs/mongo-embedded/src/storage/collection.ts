// A collection's committed documents and indexes. Documents are stored by the canonical key of
// their _id; every change keeps the indexes in step and bumps the document's version, which
// transactions use to detect write conflicts.
import { type Document } from 'bson';
import { DuplicateKeyError, MongoCommandError } from '../errors.js';
import { CollectionIndex, type IndexSpec } from './collection-index.js';
import { canonicalKey } from './values.js';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

export class Collection {
  readonly docs = new Map<string, Document>();
  /** Global version at which each document last changed (absent: never, or before start). */
  readonly versions = new Map<string, number>();
  readonly indexes = new Map<string, CollectionIndex>();

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

  /** Throws E11000 if `doc` (stored under docKey) would break a unique index. */
  assertUnique(docKey: string, doc: Document, isOther?: (key: string) => boolean): void {
    for (const index of this.indexes.values()) {
      const keyValue = index.conflictFor(docKey, doc, isOther);
      if (keyValue) throw new DuplicateKeyError(this.ns, index.name, index.spec.key as Document, keyValue);
    }
  }

  private duplicateId(doc: Document): never {
    throw new DuplicateKeyError(this.ns, '_id_', { _id: 1 }, { _id: doc._id });
  }

  insert(doc: Document, version: number): void {
    const docKey = Collection.keyOf(doc);
    if (this.docs.has(docKey)) this.duplicateId(doc);
    this.assertUnique(docKey, doc);
    this.docs.set(docKey, doc);
    this.versions.set(docKey, version);
    for (const index of this.indexes.values()) index.add(docKey, doc);
  }

  replace(docKey: string, doc: Document, version: number): void {
    const previous = this.docs.get(docKey);
    if (!previous) throw new Error(`replace of missing document ${docKey}`);
    for (const index of this.indexes.values()) index.remove(docKey, previous);
    try {
      this.assertUnique(docKey, doc, (holder) => holder !== docKey);
    } catch (error) {
      for (const index of this.indexes.values()) index.add(docKey, previous);
      throw error;
    }
    this.docs.set(docKey, doc);
    this.versions.set(docKey, version);
    for (const index of this.indexes.values()) index.add(docKey, doc);
  }

  delete(docKey: string, version: number): Document | undefined {
    const previous = this.docs.get(docKey);
    if (!previous) return undefined;
    for (const index of this.indexes.values()) index.remove(docKey, previous);
    this.docs.delete(docKey);
    this.versions.set(docKey, version);
    return previous;
  }

  createIndex(spec: IndexSpec): boolean {
    const existing = [...this.indexes.values()].find((i) => i.name === spec.name);
    if (existing) {
      if (JSON.stringify(existing.spec.key) !== JSON.stringify(spec.key)) {
        throw new MongoCommandError(
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index: ${spec.name}`,
        );
      }
      return false;
    }
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
    if (name === '_id_') throw new MongoCommandError('InvalidOptions', 'cannot drop _id index');
    if (!this.indexes.delete(name)) throw new MongoCommandError('IndexNotFound', `index not found with name [${name}]`);
  }

  /** Candidate documents for a filter (see `plan`). */
  candidates(filter: Document): Iterable<[string, Document]> {
    const { keys } = this.plan(filter);
    if (keys === null) return this.docs.entries();
    return [...keys].flatMap((key) => {
      const doc = this.docs.get(key);
      return doc ? [[key, doc] as [string, Document]] : [];
    });
  }

  /**
   * How a filter is answered: the index giving the fewest candidates for one of its equality or
   * $in conditions (top level or inside $and), or a collection scan (`keys` null).
   */
  plan(filter: Document): { indexName: string | null; keyPattern?: Document; keys: Set<string> | null } {
    const conditions = equalityConditions(filter);
    const idValues = conditions.get('_id');
    if (idValues) return { indexName: '_id_', keyPattern: { _id: 1 }, keys: new Set(idValues.map(canonicalKey)) };
    let best: { index: CollectionIndex; keys: Set<string> } | null = null;
    for (const index of this.indexes.values()) {
      const values = conditions.get(index.fields[0]);
      if (!values) continue;
      const keys = index.lookup(values);
      if (keys && (best === null || keys.size < best.keys.size)) best = { index, keys };
    }
    if (best === null) return { indexName: null, keys: null };
    return { indexName: best.index.name, keyPattern: best.index.spec.key as Document, keys: best.keys };
  }
}

/** Field → values it must equal, from the filter's top level and its $and clauses. */
function equalityConditions(filter: Document, into = new Map<string, unknown[]>()): Map<string, unknown[]> {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) equalityConditions(clause as Document, into);
      continue;
    }
    if (field.startsWith('$') || into.has(field)) continue;
    const values = equalityValues(condition);
    if (values) into.set(field, values);
  }
  return into;
}

/** The values a condition matches by equality (`v`, `{$eq: v}`, `{$in: [...]}`), or null. */
function equalityValues(condition: unknown): unknown[] | null {
  if (condition === undefined) return null;
  // null matches missing fields too, and an array matches by whole value or by element: scan.
  if (condition === null || Array.isArray(condition)) return null;
  if (typeof condition !== 'object') return [condition];
  const proto = Object.getPrototypeOf(condition);
  if (proto !== Object.prototype && proto !== null) return [condition]; // ObjectId, Date, …
  const keys = Object.keys(condition);
  const eq = (condition as Document).$eq;
  if (keys.length === 1 && keys[0] === '$eq' && eq !== null && !Array.isArray(eq) && typeof eq !== 'object')
    return [eq];
  if (keys.length === 1 && keys[0] === '$in' && Array.isArray((condition as Document).$in)) {
    const values = (condition as Document).$in as unknown[];
    return values.some((v) => v === null || v instanceof RegExp || Array.isArray(v)) ? null : values;
  }
  return null;
}
