// BSON number types. Stored documents keep each number's type: an int32 or a fractional double
// is a JS number (which serialises back the same), an integral double a bson Double, an int64 a
// Long, a Decimal128 a Decimal128. Matching goes through mingo, which compares JS numbers only,
// so filters test a "numeric shadow" of each document (wrappers as JS numbers; cached per stored
// document, which is never mutated), while results are the typed documents.
import { Decimal128, type Document, Double, Int32, Long } from 'bson';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const isInt32 = (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0);

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A value as deserialised without promotion (Int32, Double, Long wrappers), made storable:
 * `typed` keeps what JS numbers cannot say (integral doubles, int64); otherwise every number
 * that fits becomes a JS number, as for the control fields of a command.
 */
export function normalizeNumbers(value: unknown, typed: boolean): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalizeNumbers(value[i], typed);
    return value;
  }
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType === 'Int32') return (value as Int32).value;
  if (bsonType === 'Double') {
    const n = (value as Double).value;
    return typed && isInt32(n) ? value : n;
  }
  if (bsonType === 'Long') {
    if (typed) return value;
    const n = (value as Long).toNumber();
    return Number.isSafeInteger(n) ? n : value;
  }
  if (bsonType || !isPlain(value)) return value;
  const doc = value as Record<string, unknown>;
  for (const key of Object.keys(doc)) doc[key] = normalizeNumbers(doc[key], typed);
  return doc;
}

const shadows = new WeakMap<object, object>();
const originals = new WeakMap<object, object>();

function shadowValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const bsonType = (value as { _bsontype?: string })._bsontype;
  switch (bsonType) {
    case 'Double':
    case 'Int32':
      return (value as Double).value;
    case 'Long': {
      const n = (value as Long).toNumber();
      return Number.isSafeInteger(n) ? n : value; // beyond 2^53 a JS number would not be exact
    }
    case 'Decimal128':
      return Number((value as Decimal128).toString());
  }
  if (bsonType || value instanceof Date || value instanceof RegExp) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const shadow = shadowValue(item);
      if (shadow !== item) (copy ??= [...value])[i] = shadow;
    });
    return copy ?? value;
  }
  if (!isPlain(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const shadow = shadowValue(item);
    if (shadow !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = shadow;
  }
  return copy ?? value;
}

/** The document with numeric wrappers as JS numbers (the same object when it has none). */
export function numericShadow<T extends Document>(doc: T): T {
  let shadow = shadows.get(doc);
  if (!shadow) {
    shadow = shadowValue(doc) as object;
    shadows.set(doc, shadow);
    if (shadow !== doc) originals.set(shadow, doc);
  }
  return shadow as T;
}

/** The typed document a shadow stands for (for checks that need the real BSON types, like $type). */
export function originalOf<T extends object>(doc: T): T {
  return (originals.get(doc) as T | undefined) ?? doc;
}

type Kind = 'int' | 'long' | 'double' | 'decimal';
const KIND_ORDER: Kind[] = ['int', 'long', 'double', 'decimal'];

export function numericKind(value: unknown): Kind | null {
  if (typeof value === 'number') return isInt32(value) ? 'int' : 'double';
  switch ((value as { _bsontype?: string } | null)?._bsontype) {
    case 'Int32':
      return 'int';
    case 'Long':
      return 'long';
    case 'Double':
      return 'double';
    case 'Decimal128':
      return 'decimal';
  }
  return null;
}

const toBigInt = (value: unknown): bigint =>
  typeof value === 'number' ? BigInt(value) : BigInt((value as Long | Int32).toString());
const asNumber = (value: unknown): number =>
  typeof value === 'number' ? value : Number((value as Double | Long | Decimal128).toString());

/** A double result: integral values in the int32 range need the wrapper to stay doubles. */
const double = (n: number): number | Double => (isInt32(n) ? new Double(n) : n);
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * `a + b` or `a * b` as MongoDB computes $inc and $mul: the wider type wins (int < long <
 * double < decimal), an int32 overflow becomes an int64, an int64 overflow is an error (null).
 */
export function arithmetic(operator: '$inc' | '$mul', a: unknown, b: unknown): unknown {
  const kind = KIND_ORDER[Math.max(KIND_ORDER.indexOf(numericKind(a)!), KIND_ORDER.indexOf(numericKind(b)!))];
  if (kind === 'decimal' || kind === 'double') {
    const n = operator === '$inc' ? asNumber(a) + asNumber(b) : asNumber(a) * asNumber(b);
    return kind === 'decimal' ? Decimal128.fromString(String(n)) : double(n);
  }
  const n = operator === '$inc' ? toBigInt(a) + toBigInt(b) : toBigInt(a) * toBigInt(b);
  if (kind === 'int' && n >= BigInt(INT32_MIN) && n <= BigInt(INT32_MAX)) return Number(n);
  if (n < INT64_MIN || n > INT64_MAX) return null;
  return Long.fromBigInt(n);
}

/** Zero of the amount's type ($mul on a missing field stores it). */
export function zeroLike(amount: unknown): unknown {
  switch (numericKind(amount)) {
    case 'long':
      return Long.ZERO;
    case 'double':
      return new Double(0);
    case 'decimal':
      return Decimal128.fromString('0');
    default:
      return 0;
  }
}

/**
 * Puts the original number types back into a result computed on shadows: wherever `result` still
 * holds, at the same path, the value `original` had, it gets the original typed value again.
 */
export function restoreNumberTypes(result: unknown, original: unknown): unknown {
  if (original === null || typeof original !== 'object' || result === null || typeof result !== 'object') {
    if (numericKind(original) !== null && typeof original === 'object' && shadowValue(original) === result)
      return original;
    return result;
  }
  if (Array.isArray(result)) {
    if (!Array.isArray(original) || original.length !== result.length) return result;
    for (let i = 0; i < result.length; i++) result[i] = restoreNumberTypes(result[i], original[i]);
    return result;
  }
  if (!isPlain(result) || !isPlain(original)) return result;
  const target = result as Record<string, unknown>;
  for (const key of Object.keys(target)) {
    if (key in (original as object)) target[key] = restoreNumberTypes(target[key], (original as Document)[key]);
  }
  return target;
}

/** Whether a stored document holds any number JS cannot represent with its type. */
export const hasTypedNumbers = (doc: Document): boolean => numericShadow(doc) !== doc;
