// One index of a collection: composite key → the documents holding it. Supports compound and
// multikey (array) fields, unique, sparse and partial indexes. Keys are kept in a hash (unique
// checks) and in MongoDB order (equality, range and sorted scans, see SortedKeys).
import { type Document } from 'bson';
import { Query } from 'mingo';
import { rewriteFilter } from '../query/bson-rewrites.js';
import { EMPTY_ARRAY_KEY } from './bson-order.js';
import { type Entry, SortedKeys } from './sorted-keys.js';
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
  readonly directions: number[];
  private readonly entries = new Map<string, Set<string>>();
  readonly sorted: SortedKeys;
  /** Per field, how many documents hold an array there (a multikey field bounds differently). */
  private readonly arrayCounts: number[];
  private readonly partial?: Query;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.directions = this.fields.map((field) => (Number(spec.key[field]) < 0 ? -1 : 1));
    this.sorted = new SortedKeys(this.directions);
    this.arrayCounts = this.fields.map(() => 0);
    if (spec.partialFilterExpression) this.partial = new Query(rewriteFilter(spec.partialFilterExpression));
  }

  get isPartial(): boolean {
    return this.partial !== undefined;
  }

  get isSparse(): boolean {
    return this.spec.sparse === true;
  }

  isMultikey(fieldIndex: number): boolean {
    return this.arrayCounts[fieldIndex] > 0;
  }

  /** The ordered entries of a document: typed values, an empty array as EMPTY_ARRAY_KEY, missing as null. */
  private orderedEntries(docKey: string, doc: Document): { entries: Entry[]; arrays: boolean[] } {
    if (this.partial && !this.partial.test(doc)) return { entries: [], arrays: [] };
    const arrays: boolean[] = [];
    const perField = this.fields.map((field, i) => {
      const raw = valuesAtPath(doc, field);
      arrays[i] = raw.some(Array.isArray);
      const values = raw.flatMap((v) => (Array.isArray(v) ? (v.length ? v : [EMPTY_ARRAY_KEY]) : [v ?? null]));
      return values.length ? values : [null];
    });
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === null))) {
      const isAllMissing = this.fields.every((field) => valuesAtPath(doc, field).every((v) => v === undefined));
      if (isAllMissing) return { entries: [], arrays: [] };
    }
    const seen = new Set<string>();
    const entries: Entry[] = [];
    for (const key of cartesian(perField)) {
      const id = key.map((v) => (v === EMPTY_ARRAY_KEY ? '[]' : canonicalKey(v))).join('\u0000');
      if (seen.has(id)) continue;
      seen.add(id);
      entries.push({ key, docKey });
    }
    return { entries, arrays };
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
    if (this.isUnique) for (const parts of this.keyTuplesOf(doc)) addTo(this.entries, JSON.stringify(parts), docKey);
    const { entries, arrays } = this.orderedEntries(docKey, doc);
    for (const entry of entries) this.sorted.insert(entry);
    arrays.forEach((isArray, i) => isArray && this.arrayCounts[i]++);
  }

  remove(docKey: string, doc: Document): void {
    if (this.isUnique)
      for (const parts of this.keyTuplesOf(doc)) removeFrom(this.entries, JSON.stringify(parts), docKey);
    const { entries, arrays } = this.orderedEntries(docKey, doc);
    for (const entry of entries) this.sorted.remove(entry);
    arrays.forEach((isArray, i) => isArray && this.arrayCounts[i]--);
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

  clear(): void {
    this.entries.clear();
    this.sorted.clear();
    this.arrayCounts.fill(0);
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
