// MongoDB's cross-type comparison order (docs: "Comparison/Sort Order"), used by the ordered
// indexes and by sorts: MinKey < null < numbers < strings < objects < arrays < binary < ObjectId
// < booleans < dates < timestamps < regular expressions < MaxKey. Numbers compare by value
// whatever their BSON type.
import { type Document, ObjectId } from 'bson';
import { compareExact, exactNumber } from './exact-numbers.js';

/** Sorts before every value: an empty array's sort key (MongoDB: less than null or missing). */
export const EMPTY_ARRAY_KEY = Symbol('emptyArray');
/** Sentinels below/above every key, for open index bounds. */
export const KEY_MIN = Symbol('minKey');
export const KEY_MAX = Symbol('maxKey');

export enum Rank {
  Min = 0,
  EmptyArray = 1,
  Null = 2,
  Number = 3,
  String = 4,
  Object = 5,
  Array = 6,
  Binary = 7,
  ObjectId = 8,
  Boolean = 9,
  Date = 10,
  Timestamp = 11,
  RegExp = 12,
  Max = 13,
}

const RANK_BY_BSON_TYPE: Record<string, Rank> = {
  Long: Rank.Number,
  Int32: Rank.Number,
  Double: Rank.Number,
  Decimal128: Rank.Number,
  BSONSymbol: Rank.String,
  Binary: Rank.Binary,
  ObjectId: Rank.ObjectId,
  Timestamp: Rank.Timestamp,
  BSONRegExp: Rank.RegExp,
  MinKey: Rank.Min,
  MaxKey: Rank.Max,
};

export function rankOf(value: unknown): Rank {
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return Rank.Number;
    case 'string':
      return Rank.String;
    case 'boolean':
      return Rank.Boolean;
    case 'undefined':
      return Rank.Null;
    case 'symbol':
      if (value === EMPTY_ARRAY_KEY) return Rank.EmptyArray;
      return value === KEY_MIN ? Rank.Min : Rank.Max;
  }
  if (value === null) return Rank.Null;
  if (Array.isArray(value)) return Rank.Array;
  if (value instanceof Date) return Rank.Date;
  if (value instanceof RegExp) return Rank.RegExp;
  if (value instanceof Uint8Array) return Rank.Binary;
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType) return RANK_BY_BSON_TYPE[bsonType] ?? Rank.Object;
  return Rank.Object;
}

/** Numbers by exact value whatever their types (exact-numbers.ts); plain doubles the quick way. */
function compareNumbers(a: unknown, b: unknown): number {
  const bothLong = (a as Document)?._bsontype === 'Long' && (b as Document)?._bsontype === 'Long';
  if (bothLong) return (a as { compare(other: unknown): number }).compare(b);
  return compareExact(exactNumber(a), exactNumber(b));
}

const cmp = <T>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

interface ObjectIdLike {
  toHexString(): string;
  /** bson 7 keeps the 12 bytes as four 24-bit integers, in order: comparing them compares the bytes. */
  i0?: number;
  i1?: number;
  i2?: number;
  i3?: number;
}

/** Indexes compare ObjectIds all the time: without building their hex strings when bson allows. */
function compareObjectIds(a: ObjectIdLike, b: ObjectIdLike): number {
  if (typeof a.i0 !== 'number' || typeof b.i0 !== 'number') return cmp(a.toHexString(), b.toHexString());
  return cmp(a.i0, b.i0) || cmp(a.i1!, b.i1!) || cmp(a.i2!, b.i2!) || cmp(a.i3!, b.i3!);
}

function bytesOf(value: unknown): Uint8Array {
  return value instanceof Uint8Array ? value : (value as { buffer: Uint8Array }).buffer;
}

function compareBinary(a: unknown, b: unknown): number {
  const x = bytesOf(a);
  const y = bytesOf(b);
  if (x.length !== y.length) return cmp(x.length, y.length);
  const subtypes = cmp((a as { sub_type?: number }).sub_type ?? 0, (b as { sub_type?: number }).sub_type ?? 0);
  return subtypes || Buffer.compare(x, y);
}

function compareObjects(a: Document, b: Document): number {
  const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
  for (let i = 0; i < Math.min(keysA.length, keysB.length); i++) {
    const byType = cmp(rankOf(a[keysA[i]]), rankOf(b[keysB[i]]));
    if (byType) return byType;
    const byName = cmp(keysA[i], keysB[i]);
    if (byName) return byName;
    const byValue = compareValues(a[keysA[i]], b[keysB[i]]);
    if (byValue) return byValue;
  }
  return cmp(keysA.length, keysB.length);
}

function compareArrays(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareValues(a[i], b[i]);
    if (order) return order;
  }
  return cmp(a.length, b.length);
}

/** Whole-value comparison in MongoDB's order (arrays compared element by element). */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  // Index keys are mostly strings, ObjectIds and numbers: those pairs skip the ranking.
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number' && a === a && b === b) return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof ObjectId && b instanceof ObjectId) return compareObjectIds(a, b);
  const rankA = rankOf(a);
  const rankB = rankOf(b);
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  switch (rankA) {
    case Rank.Number:
      return compareNumbers(a, b);
    case Rank.String:
      return cmp(String(a), String(b));
    case Rank.Boolean:
      return cmp(Number(a), Number(b));
    case Rank.Date:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case Rank.ObjectId:
      return compareObjectIds(a as ObjectIdLike, b as ObjectIdLike);
    case Rank.Binary:
      return compareBinary(a, b);
    case Rank.Timestamp:
      return (a as { compare(other: unknown): number }).compare(b);
    case Rank.RegExp: {
      const [x, y] = [a as RegExp, b as RegExp];
      return (
        cmp(x.source ?? (x as unknown as Document).pattern, y.source ?? (y as unknown as Document).pattern) ||
        cmp(x.flags ?? (x as unknown as Document).options, y.flags ?? (y as unknown as Document).options)
      );
    }
    case Rank.Array:
      return compareArrays(a as unknown[], b as unknown[]);
    case Rank.Object:
      return compareObjects(a as Document, b as Document);
    default:
      return 0; // null, MinKey, MaxKey and the sentinels are each one value
  }
}
