// Opaque cursors: the sort-key values of the last row a client saw, so the next page starts
// strictly after it (keyset pagination: no gaps or duplicates while rows are added).
import { EJSON } from 'bson';
import { InvalidInputError } from '../errors/domain-error.js';

export type CursorValues = readonly unknown[];

export function encodeCursor(values: CursorValues): string {
  return Buffer.from(EJSON.stringify(values, { relaxed: false }), 'utf8').toString('base64url');
}

/** Decodes a cursor a client sent back; anything else is a BAD_USER_INPUT on `field`. */
export function decodeCursor(cursor: string, arity: number, field = 'after'): unknown[] {
  try {
    if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) throw new Error('not base64url');
    const values: unknown = EJSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'), { relaxed: true });
    if (!Array.isArray(values) || values.length !== arity) throw new Error('wrong shape');
    return values;
  } catch {
    throw new InvalidInputError([{ field, message: 'INVALID_CURSOR' }], 'INVALID_CURSOR');
  }
}
