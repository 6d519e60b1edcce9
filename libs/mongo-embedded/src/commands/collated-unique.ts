// Unique indexes with a collation: the store compares index keys by their bytes, so "Ada" and
// "ada" are different keys there even when the index's collation (strength 2) calls them equal.
// Before a write, such indexes are checked here with the collation: a collated query for the
// document's key values, which the collated index itself answers (its entries are in collation
// order, see stored-index.ts).
import { type Document } from 'bson';
import { DuplicateKeyError } from '../errors.js';
import { collateFilter, parseCollation } from '../query/collation.js';
import { compileFilter } from '../query/filter.js';
import { type IndexSpec } from '../storage/collection-index.js';
import { valuesAtPath } from '../storage/values.js';
import { type CommandContext } from './context.js';

export function assertCollatedUnique(context: CommandContext, ns: string, key: string, doc: Document): void {
  const collection = context.store.collection(ns);
  if (!collection) return;
  for (const index of collection.indexes.values()) {
    if (!index.isUnique || !index.spec.collation) continue;
    const collation = parseCollation(index.spec.collation);
    if (!collation) continue;
    const keyValue: Document = {};
    for (const field of index.fields) keyValue[field] = valuesAtPath(doc, field)[0] ?? null;
    if (index.spec.sparse && index.fields.every((field) => keyValue[field] === null)) continue;
    const compiled = compileFilter(collateFilter(keyValue, collation));
    // Planned with the index's collation: the index itself answers the lookup.
    const clash = context.view
      .query(ns, { filter: keyValue, collation }, compiled)
      .matches.find((match) => match.key !== key);
    if (clash) throw new DuplicateKeyError(ns, index.name, index.spec.key as Document, keyValue);
  }
}

/** Building a collated unique index over existing documents: no two may share a key under it. */
export function assertNoCollatedDuplicates(ns: string, docs: Iterable<Document>, spec: IndexSpec): void {
  const collation = spec.unique ? parseCollation(spec.collation) : undefined;
  if (!collation) return;
  const fields = Object.keys(spec.key);
  const keys = [...docs].map((doc) => fields.map((field) => valuesAtPath(doc, field)[0] ?? null));
  keys.sort(collation.compare);
  for (let i = 1; i < keys.length; i++)
    if (collation.equals(keys[i - 1], keys[i]))
      throw new DuplicateKeyError(
        ns,
        spec.name,
        spec.key as Document,
        Object.fromEntries(fields.map((f, j) => [f, keys[i][j]])),
      );
}
