// Keyset ("seek") pagination over a multi-field sort: the filter that selects rows strictly
// after the cursor row, for any mix of ascending and descending fields. The last sort field must
// be unique (normally _id) so that ties never hide or repeat a row.

export type SortDirection = 1 | -1;
export type SortSpec = readonly (readonly [field: string, direction: SortDirection])[];

/** `{ $or: [ {a: {$gt: va}}, {a: va, b: {$lt: vb}}, … ] }` for sort `a asc, b desc, …`. */
export function keysetFilter(sort: SortSpec, after: readonly unknown[]): Record<string, unknown> {
  if (after.length !== sort.length) throw new Error('cursor does not match the sort');
  const branches = sort.map(([field, direction], index) => {
    const branch: Record<string, unknown> = {};
    for (let i = 0; i < index; i++) branch[sort[i][0]] = after[i];
    branch[field] = { [direction === 1 ? '$gt' : '$lt']: after[index] };
    return branch;
  });
  return { $or: branches };
}

/** The mongo sort document for a spec. */
export function sortDocument(sort: SortSpec): Record<string, SortDirection> {
  return Object.fromEntries(sort.map(([field, direction]) => [field, direction]));
}

/** The cursor values of a row for a spec (dotted paths supported). */
export function cursorValuesOf(row: Record<string, unknown>, sort: SortSpec): unknown[] {
  return sort.map(([field]) =>
    field.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], row),
  );
}
