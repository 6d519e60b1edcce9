// Where an imported record came from (a Stack Exchange site and the row's id there), kept on
// every imported user, thread, post, comment and vote so an operator can trace it and a
// re-import finds it again. Records written by Helpboard itself have `origin: null`.
import { createHash } from 'node:crypto';
import { Schema as MongooseSchema, Types } from 'mongoose';

export interface ImportOrigin {
  site: string;
  id: number;
}

/** The mongoose property definition every owning schema uses for `origin`. */
export const ORIGIN_PROP = { type: MongooseSchema.Types.Mixed, default: null } as const;

/**
 * A stable ObjectId for something imported, derived from what names it in the source (site,
 * table, row id…): the same row always maps to the same record, and references between rows
 * (an answer's ParentId) resolve without a lookup.
 */
export function importedId(...parts: (string | number)[]): Types.ObjectId {
  return new Types.ObjectId(createHash('sha1').update(parts.join('\u0000')).digest().subarray(0, 12));
}
