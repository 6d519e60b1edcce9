// Opaque cursors: the sort-key values of the last row a client saw, so the next page starts
// strictly after it (keyset pagination: no gaps or duplicates while rows are added).
import { Decimal128, Double, EJSON, Int32, Long, ObjectId } from 'bson';
import { InvalidInputError } from '../errors/domain-error.js';

export type CursorValues = readonly unknown[];

export function encodeCursor(values: CursorValues): string {
  return Buffer.from(EJSON.stringify(values, { relaxed: false }), 'utf8').toString('base64url');
}

/**
 * What a sort key can hold. The values go into a query filter, so anything else (an object such as
 * `{"$ne": null}`, an array, a regular expression) would be read as an operator or a pattern.
 */
function isSortKeyValue(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  return [ObjectId, Long, Int32, Double, Decimal128].some((type) => value instanceof type);
}

/** Decodes a cursor a client sent back; anything else is a BAD_USER_INPUT on `field`. */
export function decodeCursor(cursor: string, arity: number, field = 'after'): unknown[] {
  try {
    if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) throw new Error('not base64url');
    const values: unknown = EJSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'), { relaxed: true });
    if (!Array.isArray(values) || values.length !== arity || !values.every(isSortKeyValue))
      throw new Error('wrong shape');
    return values;
  } catch {
    throw new InvalidInputError([{ field, message: 'INVALID_CURSOR' }], 'INVALID_CURSOR');
  }
}
