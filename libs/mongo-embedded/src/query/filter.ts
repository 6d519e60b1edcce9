// A compiled query filter: mingo evaluates it on each document's numeric shadow, so numbers of
// every BSON type compare by value (Long(3) > 2, 3.0 == 3) while the stored documents keep types.
// Filters made only of equalities and `$in`s of plain values (what lookups by id or by a unique
// key send, many times per bulk write) are tested here on canonical keys instead: building a
// mingo query copies its operator tables, which costs more than testing a few documents.
import { type Document } from 'bson';
import { Query } from 'mingo';
import { numericShadow } from '../storage/numbers.js';
import { canonicalKey, valuesAtPath } from '../storage/values.js';
import { isPlainValue, rewriteFilter } from './bson-rewrites.js';

export interface CompiledFilter {
  test(doc: Document): boolean;
}

const isEquatable = (value: unknown) => isPlainValue(value) && !(typeof value === 'number' && Number.isNaN(value));

function isPlainObject(value: unknown): value is Document {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** Per field, the canonical keys it may equal; null when the filter needs mingo. */
function equalities(filter: Document): [string, Set<string>][] | null {
  const fields: [string, Set<string>][] = [];
  for (const [path, condition] of Object.entries(filter)) {
    if (path.startsWith('$')) return null;
    if (isEquatable(condition)) fields.push([path, new Set([canonicalKey(condition)])]);
    else if (
      isPlainObject(condition) &&
      Object.keys(condition).length === 1 &&
      Array.isArray(condition.$in) &&
      condition.$in.every(isEquatable)
    )
      fields.push([path, new Set(condition.$in.map(canonicalKey))]);
    else return null;
  }
  return fields;
}

export function compileFilter(filter: Document): CompiledFilter {
  const fields = equalities(filter);
  if (fields) {
    // As in MongoDB, an array field matches when one of its elements is wanted.
    const holds = (doc: Document, path: string, wanted: Set<string>) =>
      valuesAtPath(doc, path).some((value) =>
        Array.isArray(value)
          ? value.some((element) => wanted.has(canonicalKey(element)))
          : wanted.has(canonicalKey(value)),
      );
    return { test: (doc) => fields.every(([path, wanted]) => holds(doc, path, wanted)) };
  }
  const query = new Query(rewriteFilter(numericShadow(filter)));
  return { test: (doc) => query.test(numericShadow(doc)) };
}
