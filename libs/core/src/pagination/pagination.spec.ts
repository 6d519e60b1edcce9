import { describe, expect, it } from '@jest/globals';
import { ObjectId } from 'bson';
import { DomainError } from '../errors/domain-error.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { pageSize, MAX_PAGE_SIZE } from './page-args.js';
import { toConnection } from './connection.js';

describe('cursors', () => {
  it('round-trip dates, ids and numbers with their types', () => {
    const id = new ObjectId();
    const at = new Date('2026-05-01T10:00:00Z');
    const [score, date, objectId] = decodeCursor(encodeCursor([42, at, id]), 3);
    expect(score).toBe(42);
    expect(date).toEqual(at);
    expect(String(objectId)).toBe(id.toHexString());
  });

  const raw = (json: string) => Buffer.from(json).toString('base64url');

  it.each([
    'not a cursor!',
    encodeCursor([1, 2]),
    raw('{"$oid":1}'),
    'a'.repeat(3000),
    // Values a query filter would read as operators or patterns (issue #21: a 500 before).
    raw('[{"$ne": null}, {"$ne": null}, {"$ne": null}]'),
    raw('[1, [2], 3]'),
    raw('[1, {"$regularExpression": {"pattern": ".*", "options": ""}}, 3]'),
  ])('rejects a malformed or foreign cursor %# as bad input on the after field', (cursor) => {
    expect(() => decodeCursor(cursor, 3)).toThrow(DomainError);
    try {
      decodeCursor(cursor, 3);
    } catch (error) {
      expect((error as DomainError).fields[0].field).toBe('after');
    }
  });
});

describe('page sizes', () => {
  it('defaults to 20', () => expect(pageSize(undefined)).toBe(20));
  it.each([0, -1, MAX_PAGE_SIZE + 1, 1e9])('rejects %d', (first) => {
    expect(() => pageSize(first)).toThrow(DomainError);
  });
});

describe('toConnection', () => {
  it('uses the extra row only to say that another page follows', () => {
    const connection = toConnection(
      [1, 2, 3],
      2,
      false,
      (n) => [n],
      (n) => ({ n }),
    );
    expect(connection.edges.map((e) => e.node.n)).toEqual([1, 2]);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(connection.pageInfo.endCursor!, 1)).toEqual([2]);
  });

  it('reports the last page', () => {
    const connection = toConnection(
      [1],
      2,
      true,
      (n) => [n],
      (n) => n,
    );
    expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });
});
