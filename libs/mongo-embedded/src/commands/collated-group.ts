// $group (and $sortByCount, a $group and a $sort) under a collation: group keys equal by the
// collation ("Ping", "PING" at strength 2) make one group, as in MongoDB, whose _id is the key
// of the first document of the group. mingo groups by exact value, so each document's key is
// computed first (any _id expression), replaced by its group's first key, then grouped by it.
import { type Document } from 'bson';
import { type Collation } from '../query/collation.js';
import { sortDocuments } from '../query/sort.js';

/** Where a document's computed group key is kept while grouping (removed from every output). */
const KEY = '__collatedGroupKey';

/** Runs mingo stages over documents (the caller's options and rewrites). */
export type RunStages = (documents: Document[], stages: Document[]) => Document[];

export function isCollatedGroupStage(stage: Document): boolean {
  return '$group' in stage || '$sortByCount' in stage;
}

export function collatedGroup(
  documents: Document[],
  stage: Document,
  collation: Collation,
  run: RunStages,
): Document[] {
  const isSortByCount = '$sortByCount' in stage;
  const group = isSortByCount ? { _id: stage.$sortByCount, count: { $sum: 1 } } : (stage.$group as Document);
  const { _id: key, ...accumulators } = group;
  const keyed = run(documents, [{ $addFields: { [KEY]: key ?? null } }]);
  const keys = keyed.map((doc) => (doc[KEY] === undefined ? null : (doc[KEY] as unknown)));
  const firstKeys = firstOfEqual(keys, collation);
  keyed.forEach((doc, i) => (doc[KEY] = firstKeys[i]));
  const grouped = run(keyed, [{ $group: { _id: `$${KEY}`, ...accumulators } }]).map(
    (doc) => withoutKey(doc) as Document,
  );
  return isSortByCount ? sortDocuments(grouped, { count: -1 }, collation.compare) : grouped;
}

/** Each key replaced by the first key (in input order) equal to it under the collation. */
function firstOfEqual(keys: unknown[], collation: Collation): unknown[] {
  const order = keys.map((_, i) => i).sort((a, b) => collation.compare(keys[a], keys[b]) || a - b);
  const result = [...keys];
  let first = order[0];
  for (let n = 0; n < order.length; n++) {
    const i = order[n];
    if (n > 0 && collation.compare(keys[i], keys[first]) !== 0) first = i;
    result[i] = keys[first];
  }
  return result;
}

/** The value with the temporary key field removed wherever a document carries it ($$ROOT). */
function withoutKey(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutKey);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Document = {};
  for (const [field, inner] of Object.entries(value as Document)) if (field !== KEY) out[field] = withoutKey(inner);
  return out;
}
