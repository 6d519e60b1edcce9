// Where mingo's behaviour differs from MongoDB's for what our drivers send, filters and pipelines
// are rewritten into forms mingo evaluates correctly:
// - `$type` does not know BSON classes (ObjectId, Long, Decimal128, Binary), so those checks run
//   as a `$where` predicate that does;
// - `$in` hashes its whole list for every document tested, so a long list of plain values
//   becomes a set built once (same equality as index keys: 1, 1.0 and Long(1) are one value);
// - `$bucket` puts a value equal to a boundary in the bucket below (MongoDB: lower bound
//   inclusive, upper exclusive), so it becomes the equivalent `$group` on a `$switch`.
import { Binary, Decimal128, type Document, Double, Int32, Long, ObjectId } from 'bson';
import { originalOf } from '../storage/numbers.js';
import { canonicalKey, valuesAtPath } from '../storage/values.js';

const TYPE_ALIASES: Record<string | number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  16: 'int',
  18: 'long',
  19: 'decimal',
};

function bsonTypeOf(value: unknown): string[] {
  if (value === null) return ['null'];
  if (value === undefined) return ['undefined'];
  if (typeof value === 'string') return ['string'];
  if (typeof value === 'boolean') return ['bool'];
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? ['int', 'number'] : ['double', 'number'];
  if (value instanceof Long) return ['long', 'number'];
  if (value instanceof Int32) return ['int', 'number'];
  if (value instanceof Double) return ['double', 'number'];
  if (value instanceof Decimal128) return ['decimal', 'number'];
  if (value instanceof ObjectId) return ['objectId'];
  if (value instanceof Binary) return ['binData'];
  if (value instanceof Date) return ['date'];
  if (value instanceof RegExp) return ['regex'];
  if (Array.isArray(value)) return ['array'];
  return ['object'];
}

export function matchesBsonType(value: unknown, wanted: unknown): boolean {
  const wantedList = (Array.isArray(wanted) ? wanted : [wanted]).map((t) => TYPE_ALIASES[t as string] ?? String(t));
  // As in MongoDB, an array field matches when the array or one of its elements has the type.
  const candidates = Array.isArray(value) ? [value, ...value] : [value];
  return candidates.some((candidate) => bsonTypeOf(candidate).some((type) => wantedList.includes(type)));
}

function isPlainObject(value: unknown): value is Document {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** Below this many values mingo's own `$in` is as quick. */
const LONG_IN = 16;

/** Values a set of canonical keys can stand for (no null, regex, array or document semantics). */
export function isPlainValue(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof ObjectId ||
    value instanceof Date ||
    value instanceof Long ||
    value instanceof Int32
  );
}

function isLongPlainIn(condition: unknown): condition is Document & { $in: unknown[] } {
  return (
    isPlainObject(condition) &&
    Array.isArray(condition.$in) &&
    condition.$in.length >= LONG_IN &&
    condition.$in.every(isPlainValue)
  );
}

export function rewriteFilter(filter: Document): Document {
  let changed = false;
  const result: Document = {};
  const extra: Document[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if ((key === '$and' || key === '$or' || key === '$nor') && Array.isArray(condition)) {
      const parts = condition.map((part) => rewriteFilter(part as Document));
      changed ||= parts.some((part, i) => part !== condition[i]);
      result[key] = parts;
    } else if (!key.startsWith('$') && isPlainObject(condition) && '$type' in condition) {
      const { $type: wanted, ...rest } = condition;
      changed = true;
      if (Object.keys(rest).length > 0) result[key] = rest;
      extra.push({
        $where: function (this: Document) {
          // Tested on a numeric shadow (see query/filter.ts): the types are the original document's.
          return valuesAtPath(originalOf(this), key).some(
            (value) => value !== undefined && matchesBsonType(value, wanted),
          );
        },
      });
    } else if (!key.startsWith('$') && isLongPlainIn(condition)) {
      const { $in: values, ...rest } = condition;
      const wanted = new Set(values.map(canonicalKey));
      changed = true;
      if (Object.keys(rest).length > 0) result[key] = rest;
      extra.push({
        $where: function (this: Document) {
          // As in MongoDB, an array field matches when one of its elements is in the list.
          return valuesAtPath(this, key).some((value) =>
            (Array.isArray(value) ? value : [value]).some((element) => wanted.has(canonicalKey(element))),
          );
        },
      });
    } else {
      result[key] = condition;
    }
  }
  if (!changed) return filter;
  return extra.length > 0 ? { $and: [result, ...extra] } : result;
}

export function rewritePipeline(pipeline: Document[]): Document[] {
  return pipeline.flatMap((stage) => {
    if (stage.$match) return [{ $match: rewriteFilter(stage.$match as Document) }];
    if (stage.$bucket) return bucketAsGroup(stage.$bucket as Document);
    if (stage.$facet) {
      const facets = Object.fromEntries(
        Object.entries(stage.$facet as Document).map(([name, p]) => [name, rewritePipeline(p as Document[])]),
      );
      return [{ $facet: facets }];
    }
    return [stage];
  });
}

function bucketAsGroup(spec: Document): Document[] {
  const boundaries = spec.boundaries as unknown[];
  const branches = boundaries.slice(0, -1).map((lower, i) => ({
    case: { $and: [{ $gte: [spec.groupBy, lower] }, { $lt: [spec.groupBy, boundaries[i + 1]] }] },
    then: lower,
  }));
  const output = (spec.output as Document | undefined) ?? { count: { $sum: 1 } };
  const group = {
    $group: {
      _id: { $switch: { branches, ...(spec.default !== undefined ? { default: spec.default } : {}) } },
      ...output,
    },
  };
  return [group, { $sort: { _id: 1 } }];
}
