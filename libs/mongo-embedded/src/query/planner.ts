// The query planner: which index answers a filter (and maybe its sort), with which bounds.
// Every index with bounds from the filter, or whose order gives the requested sort, is a
// candidate; its cost is how many index entries it would read, counted exactly from the ordered
// keys (two binary searches per range). A sort the index provides also lets the read stop once
// the limit is reached. Whatever the plan, the filter is applied to every document it returns.
// Collation, as MongoDB: an index bounds strings and gives a sort only for a query with the same
// collation as its own; for another one it bounds only the conditions without strings.
import { type Document } from 'bson';
import { MongoCommandError } from '../errors.js';
import { type Collection } from '../storage/collection.js';
import { type CollectionIndex, type KeyRange } from '../storage/collection-index.js';
import { KEY_MAX, KEY_MIN } from '../storage/bson-order.js';
import { boundComparator } from '../storage/sorted-keys.js';
import { canonicalKey } from '../storage/values.js';
import { boundableFilter, type Collation, isSameCollation } from './collation.js';
import { collectBounds, fieldBounds, includesNull, type Interval, isFull, isPoint } from './index-bounds.js';

export interface QueryShape {
  filter: Document;
  sort?: Document;
  /** How many matches are wanted at most (skip + limit); absent: all. */
  limit?: number;
  /** An index name or key pattern to use, or {$natural: 1} for a collection scan. */
  hint?: string | Document;
  /** The query's collation (absent: simple). */
  collation?: Collation;
}

/** Planning stops counting a range's entries here (an index on disk counts by reading them). */
const COUNT_CAP = 2000;

export type Plan =
  | { kind: 'collscan' }
  | { kind: 'ids'; keys: string[]; bounds: Interval[] }
  | {
      kind: 'ixscan';
      index: CollectionIndex;
      bounds: Interval[][];
      ranges: KeyRange[];
      isBackward: boolean;
      providesSort: boolean;
      estimate: number;
    };

/** Beyond this many point combinations a compound prefix is scanned as one range. */
const MAX_COMBINATIONS = 1000;

function sortFields(sort: Document | undefined): [string, number][] {
  if (!sort) return [];
  return Object.entries(sort).map(([field, direction]) => [field, Number(direction) < 0 ? -1 : 1]);
}

/** KEY_MIN/KEY_MAX sort first/last whatever the direction, so reversing swaps them. */
const reversedSentinel = (value: unknown): unknown =>
  value === KEY_MIN ? KEY_MAX : value === KEY_MAX ? KEY_MIN : value;

const toIndexOrder = (list: Interval[], direction: number): Interval[] =>
  direction > 0
    ? list
    : list
        .map((i) => ({
          lo: reversedSentinel(i.hi),
          loInclusive: i.hiInclusive,
          hi: reversedSentinel(i.lo),
          hiInclusive: i.loInclusive,
        }))
        .reverse();

/** Key ranges in index order: point prefixes expanded, then one field's intervals, then anything. */
function buildRanges(index: CollectionIndex, bounds: Interval[][]): KeyRange[] {
  const ordered = bounds.map((list, i) => toIndexOrder(list, index.directions[i]));
  const last = ordered.length - 1;
  let prefixes: unknown[][] = [[]];
  for (let i = 0; i <= last; i++) {
    const list = ordered[i];
    const fits = prefixes.length * list.length <= MAX_COMBINATIONS;
    if (i < last && fits && list.every(isPoint)) {
      prefixes = prefixes.flatMap((prefix) => list.map((interval) => [...prefix, interval.lo]));
      continue;
    }
    const intervals =
      fits || list.length === 0 ? list : [{ ...list[0], hi: list.at(-1)!.hi, hiInclusive: list.at(-1)!.hiInclusive }];
    const rest = last - i;
    return prefixes.flatMap((prefix) =>
      intervals.map((interval) => {
        const lo = [...prefix, interval.lo, ...Array(rest).fill(interval.loInclusive ? KEY_MIN : KEY_MAX)];
        const hi = [...prefix, interval.hi, ...Array(rest).fill(interval.hiInclusive ? KEY_MAX : KEY_MIN)];
        return { lo, loAfter: !interval.loInclusive, hi, hiAfter: interval.hiInclusive };
      }),
    );
  }
  return [];
}

/** Whether scanning the index (forward or backward) yields documents in the requested order. */
function sortDirection(
  index: CollectionIndex,
  bounds: Interval[][],
  sort: [string, number][],
): 'forward' | 'backward' | null {
  if (sort.length === 0) return null;
  for (let j = 0; j + sort.length <= index.fields.length; j++) {
    if (!sort.every(([field], k) => index.fields[j + k] === field)) continue;
    if (!bounds.slice(0, j).every((list) => list.length === 1 && isPoint(list[0]))) continue;
    // A multikey field sorts by its smallest (or largest) element: only a scan of all its keys finds it first.
    if (sort.some((_, k) => index.isMultikey(j + k) && !isFull(bounds[j + k]))) return null;
    if (sort.every(([, direction], k) => direction === index.directions[j + k])) return 'forward';
    if (sort.every(([, direction], k) => direction === -index.directions[j + k])) return 'backward';
  }
  return null;
}

function hintedIndex(collection: Collection, hint: string | Document): CollectionIndex | null {
  const all = [collection.idIndex, ...collection.indexes.values()].filter((index) => index.spec.hidden !== true);
  const found =
    typeof hint === 'string'
      ? all.find((index) => index.name === hint)
      : all.find((index) => JSON.stringify(index.spec.key) === JSON.stringify(hint));
  if (!found) throw new MongoCommandError('BadValue', 'hint provided does not correspond to an existing index');
  return found;
}

/** Entries the plan's ranges hold, counted up to `cap` (reading an index on disk costs per entry). */
function countEntries(plan: Extract<Plan, { kind: 'ixscan' }>, cap: number): number {
  let count = 0;
  for (const range of plan.ranges) {
    if (count >= cap) break;
    count += plan.index.countRange(range, cap - count);
  }
  return count;
}

/** The filter's bounds, for indexes of the query's collation and for the others (no strings). */
interface Conditions {
  collation?: Collation;
  all: Map<string, Interval[][]>;
  /** Computed when an index of another collation asks (rare: most queries and indexes are simple). */
  readonly withoutStrings: Map<string, Interval[][]>;
}

function conditionsOf(shape: QueryShape): Conditions {
  let withoutStrings: Map<string, Interval[][]> | undefined;
  return {
    collation: shape.collation,
    all: collectBounds(shape.filter),
    get withoutStrings() {
      return (withoutStrings ??= collectBounds(boundableFilter(shape.filter)));
    },
  };
}

/** A scan of `index` for the filter's bounds and the sort; its estimate is counted apart (countEntries). */
function indexPlan(index: CollectionIndex, conditions: Conditions, requestedSort: [string, number][]) {
  const isSameOrder = isSameCollation(index.collation, conditions.collation);
  const collected = isSameOrder ? conditions.all : conditions.withoutStrings;
  // Strings sorted by another collation than the query's are no sort for it.
  const sort = isSameOrder ? requestedSort : [];
  const compare = index.collation ? boundComparator(index.collation.compare) : undefined;
  const bounds = index.fields.map((field, i) => fieldBounds(collected.get(field), index.isMultikey(i), compare));
  const direction = sortDirection(index, bounds, sort);
  const ranges = buildRanges(index, bounds);
  const estimate = 0;
  const plan: Extract<Plan, { kind: 'ixscan' }> = {
    kind: 'ixscan',
    index,
    bounds,
    ranges,
    isBackward: direction === 'backward',
    providesSort: direction !== null,
    estimate,
  };
  return { plan, isBounded: bounds.some((list) => !isFull(list)), bounds };
}

export function planQuery(collection: Collection, shape: QueryShape): Plan {
  const conditions = conditionsOf(shape);
  const sort = sortFields(shape.sort);
  const isHinted = shape.hint !== undefined && (typeof shape.hint === 'string' || Object.keys(shape.hint).length > 0);
  if (isHinted) {
    if (typeof shape.hint === 'object' && '$natural' in shape.hint!) return { kind: 'collscan' };
    const { plan } = indexPlan(hintedIndex(collection, shape.hint!)!, conditions, sort);
    plan.estimate = countEntries(plan, COUNT_CAP);
    return plan;
  }
  const idConditions = isSameCollation(collection.idIndex.collation, shape.collation)
    ? conditions.all
    : conditions.withoutStrings;
  const idBounds = fieldBounds(idConditions.get('_id'), false);
  const isIdLookup = !isFull(idBounds) && idBounds.every(isPoint) && (sort.length === 0 || idBounds.length <= 1);
  if (isIdLookup) return { kind: 'ids', keys: idBounds.map((i) => canonicalKey(i.lo)), bounds: idBounds };

  const total = collection.docs.size;
  let best: { plan: Plan; cost: number } = { plan: { kind: 'collscan' }, cost: sortedCost(total, sort.length > 0) };
  const candidates: Extract<Plan, { kind: 'ixscan' }>[] = [];
  for (const index of [collection.idIndex, ...collection.indexes.values()]) {
    // A hidden index (collMod / createIndexes `hidden`) is maintained but never planned with.
    if (index.isPartial || index.spec.hidden === true) continue;
    const { plan, isBounded, bounds } = indexPlan(index, conditions, sort);
    // A sparse index lacks documents missing its fields: usable only when the filter excludes them.
    if (index.isSparse && !bounds.some((list) => !includesNull(list))) continue;
    if (isBounded || plan.providesSort) candidates.push(plan);
  }
  // Among scans that do not give the sort only the fewest entries matter: each is counted no
  // further than the fewest so far. Those giving the sort are weighed by their size (see below).
  let cap = Math.min(COUNT_CAP, Math.max(1, total));
  for (const candidate of candidates) {
    if (candidate.providesSort) continue;
    candidate.estimate = countEntries(candidate, cap);
    cap = Math.max(1, Math.min(cap, candidate.estimate + 1));
  }
  for (const candidate of candidates)
    if (candidate.providesSort) candidate.estimate = countEntries(candidate, COUNT_CAP);
  const fewest = Math.max(1, Math.min(total, ...candidates.map((c) => c.estimate)));
  for (const candidate of candidates) {
    let cost: number;
    if (sort.length === 0) cost = candidate.estimate;
    else if (!candidate.providesSort) cost = sortedCost(candidate.estimate, true);
    // Read in order, it stops after `limit` matches; about limit × (entries per match) entries.
    else
      cost = shape.limit
        ? Math.min(candidate.estimate, (shape.limit * candidate.estimate) / fewest)
        : candidate.estimate;
    if (cost < best.cost) best = { plan: candidate, cost };
  }
  return best.plan;
}

function sortedCost(count: number, needsSort: boolean): number {
  return needsSort ? count * (1 + Math.log2(count + 1) / 4) : count;
}

/** The documents a plan reads, each once, in index order when it has one. */
export function* runPlan(collection: Collection, plan: Plan): Generator<[string, Document]> {
  if (plan.kind === 'collscan') {
    yield* collection.docs.entries();
    return;
  }
  if (plan.kind === 'ids') {
    for (const key of plan.keys) {
      const doc = collection.docs.get(key);
      if (doc) yield [key, doc];
    }
    return;
  }
  const seen = plan.index.fields.some((_, i) => plan.index.isMultikey(i)) ? new Set<string>() : undefined;
  const ranges = plan.isBackward ? [...plan.ranges].reverse() : plan.ranges;
  for (const range of ranges) {
    for (const docKey of plan.index.scanRange(range, plan.isBackward)) {
      if (seen) {
        if (seen.has(docKey)) continue;
        seen.add(docKey);
      }
      const doc = collection.docs.get(docKey);
      if (doc) yield [docKey, doc];
    }
  }
}
