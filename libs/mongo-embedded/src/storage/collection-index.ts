// One index of a collection: composite key → the documents holding it. Supports compound and
// multikey (array) fields, unique, sparse and partial indexes. Keys are kept in a hash (unique
// checks) and in MongoDB order (equality, range and sorted scans, see SortedKeys).
import { Decimal128, type Document } from 'bson';
import { MongoCommandError } from '../errors.js';
import { type Collation, parseCollation } from '../query/collation.js';
import { type CompiledFilter, compileFilter } from '../query/filter.js';
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

/** Index keys from `lo` to `hi` (tuples in index order); `…After`: past entries equal to the bound. */
export interface KeyRange {
  lo: unknown[];
  loAfter: boolean;
  hi: unknown[];
  hiAfter: boolean;
}

/**
 * The key logic of an index (which keys a document produces, uniqueness, parallel arrays) and,
 * here, entries kept in memory (a transaction's overlay; see StoredIndex for the tables on disk).
 */
export class CollectionIndex {
  readonly fields: string[];
  readonly directions: number[];
  private readonly entries = new Map<string, Set<string>>();
  readonly sorted: SortedKeys;
  /** Per field, how many documents hold an array there (a multikey field bounds differently). */
  private readonly arrayCounts: number[];
  private readonly partial?: CompiledFilter;
  /** The index's collation (absent: simple): its ordered entries sort strings by it. */
  readonly collation?: Collation;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.directions = this.fields.map((field) => (Number(spec.key[field]) < 0 ? -1 : 1));
    this.collation = parseCollation(spec.collation);
    this.sorted = new SortedKeys(this.directions, this.collation?.compare);
    this.arrayCounts = this.fields.map(() => 0);
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression);
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

  /**
   * Per field, the values a document holds there (a missing field as `undefined`), or null when
   * every field holds exactly one non-array value (the common case, which needs no product).
   */
  private fieldValues(doc: Document): { single: unknown[] | null; raw: unknown[][] } {
    const raw = this.fields.map((field) => valuesAtPath(doc, field));
    const isSingle = raw.every((values) => values.length === 1 && !Array.isArray(values[0]));
    return { single: isSingle ? raw.map((values) => values[0]) : null, raw };
  }

  /** The ordered entries of a document: typed values, an empty array as EMPTY_ARRAY_KEY, missing as null. */
  protected orderedEntries(docKey: string, doc: Document): { entries: Entry[]; arrays: boolean[] } {
    if (this.partial && !this.partial.test(doc)) return { entries: [], arrays: [] };
    const { single, raw } = this.fieldValues(doc);
    if (single) {
      if (this.spec.sparse && single.every((v) => v === undefined)) return { entries: [], arrays: [] };
      return { entries: [{ key: single.map((v) => v ?? null), docKey }], arrays: [] };
    }
    const arrays: boolean[] = [];
    const perField = raw.map((values, i) => {
      arrays[i] = values.some(Array.isArray);
      const flat = values.flatMap((v) => (Array.isArray(v) ? (v.length ? v : [EMPTY_ARRAY_KEY]) : [v ?? null]));
      return flat.length ? flat : [null];
    });
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === null))) {
      const isAllMissing = raw.every((values) => values.every((v) => v === undefined));
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
  protected keyTuplesOf(doc: Document): string[][] {
    if (this.partial && !this.partial.test(doc)) return [];
    const { single, raw } = this.fieldValues(doc);
    if (single) return this.spec.sparse && single.every((v) => v === undefined) ? [] : [single.map(canonicalKey)];
    const perField = raw.map((values) => {
      const flat = values.flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
      return flat.length ? flat : [undefined];
    });
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === undefined))) return [];
    const tuples = cartesian(perField).map((combo) => combo.map(canonicalKey));
    const unique = new Map(tuples.map((parts) => [JSON.stringify(parts), parts]));
    return [...unique.values()];
  }

  /**
   * Whether replacing `before` by `after` can change this index's entries: the values at its
   * fields differ (missing apart from null, for sparse indexes), or a partial filter may.
   */
  isAffected(before: Document, after: Document): boolean {
    if (this.partial) return true;
    return this.fields.some((field) => {
      const a = valuesAtPath(before, field);
      const b = valuesAtPath(after, field);
      return a.length !== b.length || a.some((value, i) => !isSameIndexValue(value, b[i]));
    });
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

  /**
   * MongoDB refuses a compound key over two different arrays (the keys would be their product):
   * fields reaching an array through the same path (items.sku, items.qty) are fine.
   */
  assertIndexable(doc: Document): void {
    if (this.fields.length < 2 || (this.partial && !this.partial.test(doc))) return;
    const arrayPaths = new Set<string>();
    for (const field of this.fields) {
      const parts = field.split('.');
      let value: unknown = doc;
      for (let i = 0; i < parts.length && value !== null && typeof value === 'object'; i++) {
        value = (value as Document)[parts[i]];
        if (Array.isArray(value)) {
          arrayPaths.add(parts.slice(0, i + 1).join('.'));
          break;
        }
      }
    }
    if (arrayPaths.size > 1) {
      const [first, second] = [...arrayPaths];
      throw new MongoCommandError('CannotIndexParallelArrays', `cannot index parallel arrays [${second}] [${first}]`);
    }
  }

  /** Whether two documents share a key of this index. */
  sharesKey(a: Document, b: Document): Document | null {
    const keysOfB = new Set(this.keysOf(b));
    const clash = this.keyTuplesOf(a).find((parts) => keysOfB.has(JSON.stringify(parts)));
    return clash ? this.keyValueFor(a, clash) : null;
  }

  protected keyValueFor(doc: Document, parts: string[]): Document {
    return Object.fromEntries(
      this.fields.map((field, i) => {
        const values = valuesAtPath(doc, field).flatMap((v) => (Array.isArray(v) ? v : [v]));
        return [field, values.find((v) => canonicalKey(v) === parts[i]) ?? null];
      }),
    );
  }

  /** How many entries the range holds (exact here; stored indexes stop counting at `cap`). */
  countRange(range: KeyRange, _cap = Infinity): number {
    return Math.max(0, this.sorted.position(range.hi, range.hiAfter) - this.sorted.position(range.lo, range.loAfter));
  }

  /** The document keys of the range's entries, in index order or backward. */
  *scanRange(range: KeyRange, isBackward: boolean): Generator<string> {
    const from = this.sorted.position(range.lo, range.loAfter);
    const to = this.sorted.position(range.hi, range.hiAfter);
    for (const entry of this.sorted.range(from, to, isBackward)) yield entry.docKey;
  }

  clear(): void {
    this.entries.clear();
    this.sorted.clear();
    this.arrayCounts.fill(0);
  }
}

/** Same key in every index (1 and 1.0 are one key); Decimal128s exactly, missing apart from null. */
function isSameIndexValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a instanceof Decimal128 || b instanceof Decimal128) return false;
  return canonicalKey(a) === canonicalKey(b);
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
