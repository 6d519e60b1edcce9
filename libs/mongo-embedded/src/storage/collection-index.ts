// One index of a collection: composite key → the documents holding it. Supports compound and
// multikey (array) fields, unique, sparse and partial indexes, and equality lookups.
import { type Document } from 'bson';
import { Query } from 'mingo';
import { rewriteFilter } from '../query/bson-rewrites.js';
import { canonicalKey, valuesAtPath } from './values.js';

export interface IndexSpec {
  v?: number;
  name: string;
  key: Record<string, number | string>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

function cartesian(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

export class CollectionIndex {
  readonly fields: string[];
  private readonly entries = new Map<string, Set<string>>();
  /** Documents by the value of the first field alone: equality lookups on an index prefix. */
  private readonly byFirstField = new Map<string, Set<string>>();
  private readonly partial?: Query;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    if (spec.partialFilterExpression) this.partial = new Query(rewriteFilter(spec.partialFilterExpression));
  }

  get name(): string {
    return this.spec.name;
  }

  get isUnique(): boolean {
    return this.spec.unique === true;
  }

  /** The index keys a document produces; none when sparse/partial excludes it. */
  keysOf(doc: Document): string[] {
    return this.keyTuplesOf(doc).map((parts) => JSON.stringify(parts));
  }

  /** Each key as its per-field canonical parts (so the first field's part is known exactly). */
  private keyTuplesOf(doc: Document): string[][] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((field) => {
      const values = valuesAtPath(doc, field).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
      return values.length ? values : [undefined];
    });
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === undefined))) return [];
    const tuples = cartesian(perField).map((combo) => combo.map(canonicalKey));
    const unique = new Map(tuples.map((parts) => [JSON.stringify(parts), parts]));
    return [...unique.values()];
  }

  add(docKey: string, doc: Document): void {
    for (const parts of this.keyTuplesOf(doc)) {
      addTo(this.entries, JSON.stringify(parts), docKey);
      addTo(this.byFirstField, parts[0], docKey);
    }
  }

  remove(docKey: string, doc: Document): void {
    for (const parts of this.keyTuplesOf(doc)) {
      removeFrom(this.entries, JSON.stringify(parts), docKey);
      removeFrom(this.byFirstField, parts[0], docKey);
    }
  }

  /**
   * The key of `doc` that another document already holds in this unique index, as MongoDB reports
   * it (for an array field: the clashing element), or null.
   */
  conflictFor(docKey: string, doc: Document, isOther: (key: string) => boolean = () => true): Document | null {
    if (!this.isUnique) return null;
    for (const parts of this.keyTuplesOf(doc)) {
      for (const holder of this.entries.get(JSON.stringify(parts)) ?? []) {
        if (holder !== docKey && isOther(holder)) return this.keyValueFor(doc, parts);
      }
    }
    return null;
  }

  /** Whether two documents share a key of this index. */
  sharesKey(a: Document, b: Document): Document | null {
    const keysOfB = new Set(this.keysOf(b));
    const clash = this.keyTuplesOf(a).find((parts) => keysOfB.has(JSON.stringify(parts)));
    return clash ? this.keyValueFor(a, clash) : null;
  }

  private keyValueFor(doc: Document, parts: string[]): Document {
    return Object.fromEntries(
      this.fields.map((field, i) => {
        const values = valuesAtPath(doc, field).flatMap((v) => (Array.isArray(v) ? v : [v]));
        return [field, values.find((v) => canonicalKey(v) === parts[i]) ?? null];
      }),
    );
  }

  /**
   * Documents whose first indexed field equals one of `values` (non-null). A partial index may
   * leave out matching documents, so it is never used for lookups.
   */
  lookup(values: unknown[]): Set<string> | null {
    if (this.partial) return null;
    const result = new Set<string>();
    for (const value of values)
      for (const docKey of this.byFirstField.get(canonicalKey(value)) ?? []) result.add(docKey);
    return result;
  }

  clear(): void {
    this.entries.clear();
    this.byFirstField.clear();
  }
}

function addTo(map: Map<string, Set<string>>, key: string, docKey: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(docKey);
}

function removeFrom(map: Map<string, Set<string>>, key: string, docKey: string): void {
  const set = map.get(key);
  set?.delete(docKey);
  if (set?.size === 0) map.delete(key);
}
