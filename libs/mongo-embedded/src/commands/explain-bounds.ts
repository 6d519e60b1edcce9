// Index bounds as MongoDB's explain prints them: one string per interval, in index order,
// e.g. {score: ["(5, inf.0]"], board: ["[\"b1\", \"b1\"]"]}.
import { type Binary, EJSON, type ObjectId } from 'bson';
import { KEY_MAX, KEY_MIN, Rank } from '../storage/bson-order.js';
import { BracketEdge } from '../storage/sorted-keys.js';
import type { Interval } from '../query/index-bounds.js';

const EDGES: Partial<Record<Rank, [string, string]>> = {
  [Rank.Number]: ['-inf.0', 'inf.0'],
  [Rank.String]: ['""', '{}'],
  [Rank.ObjectId]: ["ObjectId('000000000000000000000000')", "ObjectId('ffffffffffffffffffffffff')"],
  [Rank.Boolean]: ['false', 'true'],
  [Rank.Date]: ['new Date(-9223372036854775808)', 'new Date(9223372036854775807)'],
  [Rank.Binary]: ['BinData(0, )', '[]'],
};

function format(value: unknown): string {
  if (value === KEY_MIN) return 'MinKey';
  if (value === KEY_MAX) return 'MaxKey';
  if (value instanceof BracketEdge) return EDGES[value.rank]?.[value.edge === 'start' ? 0 : 1] ?? 'MaxKey';
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType === 'ObjectId') return `ObjectId('${(value as ObjectId).toHexString()}')`;
  if (bsonType === 'Binary')
    return `BinData(${(value as Binary).sub_type}, ${Buffer.from((value as Binary).buffer).toString('hex')})`;
  if (bsonType) return String(value);
  return EJSON.stringify(value as object);
}

function describe(interval: Interval): string {
  return `${interval.loInclusive ? '[' : '('}${format(interval.lo)}, ${format(interval.hi)}${interval.hiInclusive ? ']' : ')'}`;
}

export function describeBounds(bounds: Record<string, Interval[]>, directions: number[]): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(bounds).map(([field, list], i) => {
      const ordered =
        (directions[i] ?? 1) > 0
          ? list
          : list
              .map((iv) => ({ lo: iv.hi, loInclusive: iv.hiInclusive, hi: iv.lo, hiInclusive: iv.loInclusive }))
              .reverse();
      return [field, ordered.map(describe)];
    }),
  );
}
