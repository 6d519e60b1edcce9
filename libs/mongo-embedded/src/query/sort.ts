// Sorting documents as MongoDB does: cross-type order, a missing field as null, and an array by
// its smallest element ascending or its largest descending (an empty array below null).
import { type Document } from 'bson';
import { compareValues, EMPTY_ARRAY_KEY } from '../storage/bson-order.js';
import { valuesAtPath } from '../storage/values.js';

type Compare = (a: unknown, b: unknown) => number;

export function sortKey(doc: Document, field: string, direction: number, compare: Compare = compareValues): unknown {
  const values = valuesAtPath(doc, field).flatMap((v) =>
    Array.isArray(v) ? (v.length ? v : [EMPTY_ARRAY_KEY]) : [v ?? null],
  );
  let chosen: unknown = values.length ? values[0] : null;
  for (const value of values.slice(1)) if (direction * compare(value, chosen) < 0) chosen = value;
  return chosen;
}

/** A stable sort of `docs` by a sort specification ({field: 1 | -1, …}); `compare` may be a collation's. */
export function sortDocuments(docs: Document[], sort: Document, compare: Compare = compareValues): Document[] {
  const fields = Object.entries(sort).map(([field, direction]) => [field, Number(direction) < 0 ? -1 : 1] as const);
  const keyed = docs.map((doc) => ({
    doc,
    keys: fields.map(([field, direction]) => sortKey(doc, field, direction, compare)),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const order = fields[i][1] * compare(a.keys[i], b.keys[i]);
      if (order !== 0) return order;
    }
    return 0;
  });
  return keyed.map((entry) => entry.doc);
}
