// The ordered part of an index: (key tuple, document) entries kept sorted in MongoDB's order
// with each field's direction, in chunks of a few hundred so a delete moves little memory and a
// lookup is two binary searches. Inserts wait in an unsorted list until the index is next read
// (or an entry removed): a commit of thousands of documents then sorts its entries once and
// merges them in one pass over the chunks, instead of thousands of searches and shifts at
// random places of a large index. Bounds may use KEY_MIN/KEY_MAX and BracketEdge.
import { compareValues, KEY_MAX, KEY_MIN, Rank, rankOf } from './bson-order.js';

/** The start or end of one type's values, e.g. "every number" for `{$gt: 5}`'s upper bound. */
export class BracketEdge {
  constructor(
    readonly rank: Rank,
    readonly edge: 'start' | 'end',
  ) {}
}

export interface Entry {
  key: unknown[];
  docKey: string;
}

/** One field's values in index order, direction-free; sentinels and edges included. */
export function compareBound(a: unknown, b: unknown): number {
  return boundOrder(a, b, compareValues);
}

export type ValueOrder = (a: unknown, b: unknown) => number;

/** compareBound with values (not sentinels, not edges) ordered by `compareValue` (a collation's). */
export function boundComparator(compareValue: ValueOrder): ValueOrder {
  return compareValue === compareValues ? compareBound : (a, b) => boundOrder(a, b, compareValue);
}

function boundOrder(a: unknown, b: unknown, compareValue: ValueOrder): number {
  if (a === b) return 0;
  if (a === KEY_MIN || b === KEY_MAX) return -1;
  if (a === KEY_MAX || b === KEY_MIN) return 1;
  if (a instanceof BracketEdge || b instanceof BracketEdge) return compareWithEdge(a, b);
  return compareValue(a, b);
}

function compareWithEdge(a: unknown, b: unknown): number {
  const [rankA, sideA] = a instanceof BracketEdge ? [a.rank, a.edge === 'start' ? -1 : 1] : [rankOf(a), 0];
  const [rankB, sideB] = b instanceof BracketEdge ? [b.rank, b.edge === 'start' ? -1 : 1] : [rankOf(b), 0];
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  return sideA - sideB;
}

const CHUNK = 512;
/** Up to this many pending inserts go in one by one. */
const FEW = 16;

export class SortedKeys {
  private chunks: Entry[][] = [];
  /** Inserted, not yet merged into the chunks. */
  private pending: Entry[] = [];
  private count = 0;
  /** Entries before each chunk, rebuilt on the first position asked after a change. */
  private starts: number[] | null = null;

  private readonly compareBound: ValueOrder;

  /** `compareValue`: the order of values (a collated index orders strings by its collation). */
  constructor(
    private readonly directions: number[],
    compareValue: ValueOrder = compareValues,
  ) {
    this.compareBound = boundComparator(compareValue);
  }

  get size(): number {
    return this.count;
  }

  /** Index order of two key tuples (sentinels sort first/last whatever the direction). */
  compareKeys(a: unknown[], b: unknown[]): number {
    for (let i = 0; i < this.directions.length; i++) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      const isSentinel = x === KEY_MIN || x === KEY_MAX || y === KEY_MIN || y === KEY_MAX;
      const order = isSentinel ? this.compareBound(x, y) : this.directions[i] * this.compareBound(x, y);
      if (order !== 0) return order;
    }
    return 0;
  }

  private compareEntries(a: Entry, b: Entry): number {
    return this.compareKeys(a.key, b.key) || (a.docKey < b.docKey ? -1 : a.docKey > b.docKey ? 1 : 0);
  }

  insert(entry: Entry): void {
    this.count++;
    this.pending.push(entry);
  }

  /** Merges the pending inserts: sorted, then each chunk receiving some is rebuilt once. */
  private merge(): void {
    if (this.pending.length === 0) return;
    this.starts = null;
    const adds = this.pending.sort((a, b) => this.compareEntries(a, b));
    this.pending = [];
    // A few (one write between reads): into their chunks directly, no pass over all of them.
    if (adds.length <= FEW && this.chunks.length > 0) {
      for (const entry of adds) this.insertNow(entry);
      return;
    }
    if (this.chunks.length === 0) {
      this.chunks = pieces(adds);
      return;
    }
    const merged: Entry[][] = [];
    let next = 0;
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c];
      let end = next;
      if (c === this.chunks.length - 1) end = adds.length;
      else while (end < adds.length && this.compareEntries(adds[end], chunk[chunk.length - 1]) <= 0) end++;
      if (end === next) merged.push(chunk);
      else merged.push(...pieces(this.mergeInto(chunk, adds, next, end)));
      next = end;
    }
    this.chunks = merged;
  }

  private insertNow(entry: Entry): void {
    let c = this.firstChunkWhere((last) => this.compareEntries(last, entry) >= 0);
    if (c === this.chunks.length) c--;
    const chunk = this.chunks[c];
    chunk.splice(
      this.searchIn(chunk, (e) => this.compareEntries(e, entry) >= 0),
      0,
      entry,
    );
    if (chunk.length > 2 * CHUNK) this.chunks.splice(c, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK));
  }

  /** `chunk` with adds[from, to) (sorted) in their places: a binary search each, one copy. */
  private mergeInto(chunk: Entry[], adds: Entry[], from: number, to: number): Entry[] {
    const out: Entry[] = [];
    let taken = 0;
    for (let a = from; a < to; a++) {
      let lo = taken;
      let hi = chunk.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.compareEntries(chunk[mid], adds[a]) >= 0) hi = mid;
        else lo = mid + 1;
      }
      for (; taken < lo; taken++) out.push(chunk[taken]);
      out.push(adds[a]);
    }
    for (; taken < chunk.length; taken++) out.push(chunk[taken]);
    return out;
  }

  remove(entry: Entry): void {
    this.merge();
    const c = this.firstChunkWhere((last) => this.compareEntries(last, entry) >= 0);
    const chunk = this.chunks[c];
    if (!chunk) return;
    const i = this.searchIn(chunk, (e) => this.compareEntries(e, entry) >= 0);
    if (i >= chunk.length || this.compareEntries(chunk[i], entry) !== 0) return;
    chunk.splice(i, 1);
    this.count--;
    this.starts = null;
    if (chunk.length === 0) this.chunks.splice(c, 1);
  }

  /** Absolute position of the first entry whose key is >= `key` (or > with `after`). */
  position(key: unknown[], after: boolean): number {
    this.merge();
    const isPast = (e: Entry) => (after ? this.compareKeys(e.key, key) > 0 : this.compareKeys(e.key, key) >= 0);
    const c = this.firstChunkWhere((last) => isPast(last));
    if (!this.starts) {
      this.starts = [];
      let before = 0;
      for (const chunk of this.chunks) {
        this.starts.push(before);
        before += chunk.length;
      }
    }
    return c === this.chunks.length ? this.count : this.starts[c] + this.searchIn(this.chunks[c], isPast);
  }

  /** Entries at positions [from, to), forward or backward. */
  *range(from: number, to: number, isBackward: boolean): Generator<Entry> {
    this.merge();
    if (from >= to) return;
    if (!isBackward) {
      let skip = from;
      let left = to - from;
      for (const chunk of this.chunks) {
        if (skip >= chunk.length) {
          skip -= chunk.length;
          continue;
        }
        for (let i = skip; i < chunk.length && left > 0; i++, left--) yield chunk[i];
        skip = 0;
        if (left === 0) return;
      }
      return;
    }
    let end = this.count - to; // entries to skip from the back
    let left = to - from;
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c];
      if (end >= chunk.length) {
        end -= chunk.length;
        continue;
      }
      for (let i = chunk.length - 1 - end; i >= 0 && left > 0; i--, left--) yield chunk[i];
      end = 0;
      if (left === 0) return;
    }
  }

  clear(): void {
    this.chunks = [];
    this.pending = [];
    this.count = 0;
    this.starts = null;
  }

  private firstChunkWhere(test: (last: Entry) => boolean): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (test(this.chunks[mid][this.chunks[mid].length - 1])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private searchIn(chunk: Entry[], test: (e: Entry) => boolean): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (test(chunk[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Sorted entries cut into chunks of CHUNK (a short last one joins the one before). */
function pieces(entries: Entry[]): Entry[][] {
  if (entries.length <= 2 * CHUNK) return [entries];
  const out: Entry[][] = [];
  for (let i = 0; i < entries.length; i += CHUNK) out.push(entries.slice(i, i + CHUNK));
  if (out.length > 1 && out[out.length - 1].length < CHUNK / 2) out[out.length - 2].push(...out.pop()!);
  return out;
}
