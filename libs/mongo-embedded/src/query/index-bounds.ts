// Index bounds from a filter: for each field, the value intervals a matching document's key
// must fall in. Bounds are a superset of what the filter matches (the filter is always applied
// to what an index scan returns), so a condition that cannot be turned into bounds just leaves
// its field unbounded. Comparisons stay inside the bound's type, as in MongoDB ({$gt: 5} is
// "every number above 5", never a string).
import { type Document } from 'bson';
import { KEY_MAX, KEY_MIN, Rank, rankOf } from '../storage/bson-order.js';
import { BracketEdge, compareBound, type ValueOrder } from '../storage/sorted-keys.js';

export interface Interval {
  lo: unknown;
  loInclusive: boolean;
  hi: unknown;
  hiInclusive: boolean;
}

export const FULL: Interval = { lo: KEY_MIN, loInclusive: true, hi: KEY_MAX, hiInclusive: true };

/** Value types bounds are built for; others (objects, arrays, regexes…) leave a field unbounded. */
const BOUNDABLE = new Set([Rank.Null, Rank.Number, Rank.String, Rank.Binary, Rank.ObjectId, Rank.Boolean, Rank.Date]);

function isOperatorObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

const point = (value: unknown): Interval => ({ lo: value, loInclusive: true, hi: value, hiInclusive: true });

function pointsOf(values: unknown[]): Interval[] | null {
  if (values.some((v) => !BOUNDABLE.has(rankOf(v)) || (typeof v === 'number' && Number.isNaN(v)))) return null;
  const sorted = [...values].sort(compareBound);
  return sorted.filter((v, i) => i === 0 || compareBound(v, sorted[i - 1]) !== 0).map(point);
}

function rangeOf(operator: string, value: unknown): Interval[] | null {
  const rank = rankOf(value);
  if (rank === Rank.Null || !BOUNDABLE.has(rank) || (typeof value === 'number' && Number.isNaN(value))) return null;
  const start = new BracketEdge(rank, 'start');
  const end = new BracketEdge(rank, 'end');
  switch (operator) {
    case '$gt':
      return [{ lo: value, loInclusive: false, hi: end, hiInclusive: true }];
    case '$gte':
      return [{ lo: value, loInclusive: true, hi: end, hiInclusive: true }];
    case '$lt':
      return [{ lo: start, loInclusive: true, hi: value, hiInclusive: false }];
    case '$lte':
      return [{ lo: start, loInclusive: true, hi: value, hiInclusive: true }];
  }
  return null;
}

/** Each bounding condition on a field, as interval lists (one list per condition). */
function conditionBounds(condition: unknown): Interval[][] {
  if (!isOperatorObject(condition)) {
    const list = condition === undefined || condition instanceof RegExp ? null : pointsOf([condition]);
    return list ? [list] : [];
  }
  const result: Interval[][] = [];
  for (const [operator, value] of Object.entries(condition)) {
    let list: Interval[] | null = null;
    if (operator === '$eq') list = pointsOf([value]);
    else if (operator === '$in' && Array.isArray(value)) list = pointsOf(value);
    else list = rangeOf(operator, value);
    if (list) result.push(list);
  }
  return result;
}

/** field → its conditions' interval lists, from the filter's top level and its $and clauses. */
export function collectBounds(filter: Document, into = new Map<string, Interval[][]>()): Map<string, Interval[][]> {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) collectBounds(clause as Document, into);
      continue;
    }
    if (field.startsWith('$')) continue;
    const lists = conditionBounds(condition);
    if (lists.length === 0) continue;
    const existing = into.get(field);
    if (existing) existing.push(...lists);
    else into.set(field, lists);
  }
  return into;
}

function intersectTwo(a: Interval, b: Interval, compare: ValueOrder): Interval | null {
  const byLo = compare(a.lo, b.lo);
  const [lo, loInclusive] =
    byLo > 0 ? [a.lo, a.loInclusive] : byLo < 0 ? [b.lo, b.loInclusive] : [a.lo, a.loInclusive && b.loInclusive];
  const byHi = compare(a.hi, b.hi);
  const [hi, hiInclusive] =
    byHi < 0 ? [a.hi, a.hiInclusive] : byHi > 0 ? [b.hi, b.hiInclusive] : [a.hi, a.hiInclusive && b.hiInclusive];
  const order = compare(lo, hi);
  if (order > 0 || (order === 0 && !(loInclusive && hiInclusive))) return null;
  return { lo, loInclusive, hi, hiInclusive };
}

/**
 * One field's bounds. Conditions intersect, except on a multikey field: there each condition
 * may be met by a different array element, so only the first condition bounds the scan.
 * `compare` is the index's order of values (a collated index orders strings by its collation).
 */
export function fieldBounds(
  lists: Interval[][] | undefined,
  isMultikey: boolean,
  compare: ValueOrder = compareBound,
): Interval[] {
  if (!lists || lists.length === 0) return [FULL];
  const ordered = compare === compareBound ? lists : lists.map((list) => inOrder(list, compare));
  if (isMultikey) return ordered[0];
  return ordered
    .slice(1)
    .reduce<Interval[]>(
      (acc, list) => acc.flatMap((a) => list.flatMap((b) => intersectTwo(a, b, compare) ?? [])),
      ordered[0],
    );
}

/** Points re-sorted in another order of values, those equal in it kept once ("a", "A" at strength 2). */
function inOrder(list: Interval[], compare: ValueOrder): Interval[] {
  if (list.length < 2 || !list.every(isPoint)) return list;
  const sorted = [...list].sort((a, b) => compare(a.lo, b.lo));
  return sorted.filter((interval, i) => i === 0 || compare(interval.lo, sorted[i - 1].lo) !== 0);
}

export const isFull = (bounds: Interval[]): boolean =>
  bounds.length === 1 && bounds[0].lo === KEY_MIN && bounds[0].hi === KEY_MAX;

export const isPoint = (i: Interval): boolean => i.loInclusive && i.hiInclusive && compareBound(i.lo, i.hi) === 0;

/** Whether null (and so a missing field) lies within the bounds. */
export function includesNull(bounds: Interval[]): boolean {
  return bounds.some((i) => compareBound(i.lo, null) <= 0 && compareBound(i.hi, null) >= 0);
}
