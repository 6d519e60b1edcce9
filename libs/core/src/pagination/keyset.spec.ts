import { describe, expect, it } from '@jest/globals';
import { Query } from 'mingo';
import { cursorValuesOf, keysetFilter, type SortSpec } from './keyset.js';

/** Sorts like MongoDB would for these plain values, to check the filter against a full scan. */
function sorted(rows: Record<string, number>[], sort: SortSpec) {
  return [...rows].sort((a, b) => {
    for (const [field, direction] of sort) {
      if (a[field] !== b[field]) return (a[field] < b[field] ? -1 : 1) * direction;
    }
    return 0;
  });
}

describe('keyset pagination', () => {
  const rows = Array.from({ length: 60 }, (_, id) => ({ _id: id, score: id % 7, pinned: id % 5 === 0 ? 1 : 0 }));

  it.each<[string, SortSpec]>([
    [
      'one field plus id',
      [
        ['score', -1],
        ['_id', 1],
      ],
    ],
    [
      'mixed directions',
      [
        ['pinned', -1],
        ['score', 1],
        ['_id', -1],
      ],
    ],
  ])('walks every row exactly once with %s', (_name, sort) => {
    const expected = sorted(rows, sort).map((r) => r._id);
    const seen: number[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const candidates = after ? rows.filter((r) => new Query(keysetFilter(sort, after!)).test(r)) : rows;
      const page = sorted(candidates, sort).slice(0, 7);
      if (page.length === 0) break;
      seen.push(...page.map((r) => r._id));
      after = cursorValuesOf(page.at(-1)!, sort);
    }
    expect(seen).toEqual(expected);
  });

  it('refuses a cursor of the wrong length', () => {
    expect(() => keysetFilter([['_id', 1]], [1, 2])).toThrow();
  });
});
