// One index of a collection: composite key → the documents holding it. Supports compound and
// multikey (array) fields, unique, sparse and partial indexes, and equality lookups.
import { type Document } from 'bson';
import { Query } from 'mingo';
import { canonicalKey, getPath, valuesAtPath } from './values.js';

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
  private readonly partial?: Query;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    if (spec.partialFilterExpression) this.partial = new Query(spec.partialFilterExpression);
  }

  get name(): string {
    return this.spec.name;
  }

  get isUnique(): boolean {
    return this.spec.unique === true;
  }

  /** The index keys a document produces; none when sparse/partial excludes it. */
  keysOf(doc: Document): string[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((field) => {
      const values = valuesAtPath(doc, field).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
      return values.length ? values : [undefined];
    });
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === undefined))) return [];
    return [...new Set(cartesian(perField).map((combo) => combo.map(canonicalKey).join('|')))];
  }

  add(docKey: string, doc: Document): void {
    for (const key of this.keysOf(doc)) {
      let set = this.entries.get(key);
      if (!set) this.entries.set(key, (set = new Set()));
      set.add(docKey);
    }
  }

  remove(docKey: string, doc: Document): void {
    for (const key of this.keysOf(doc)) {
      const set = this.entries.get(key);
      set?.delete(docKey);
      if (set?.size === 0) this.entries.delete(key);
    }
  }

  /** Another document that already holds one of `doc`'s keys in this unique index. */
  conflictFor(docKey: string, doc: Document, isOther: (key: string) => boolean = () => true): string | null {
    if (!this.isUnique) return null;
    for (const key of this.keysOf(doc)) {
      for (const holder of this.entries.get(key) ?? []) if (holder !== docKey && isOther(holder)) return holder;
    }
    return null;
  }

  /** Documents whose single indexed field equals one of `values` (first field of the index). */
  lookup(values: unknown[]): Set<string> | null {
    if (this.fields.length !== 1 || this.partial || this.spec.sparse) return null;
    const result = new Set<string>();
    for (const value of values) for (const docKey of this.entries.get(canonicalKey(value)) ?? []) result.add(docKey);
    return result;
  }

  keyValueOf(doc: Document): Document {
    return Object.fromEntries(this.fields.map((field) => [field, getPath(doc, field) ?? null]));
  }

  clear(): void {
    this.entries.clear();
  }
}
