// Running a read: filter, sort, skip, limit and projection over what the view sees, on copies.
import { type Document } from 'bson';
import { Query } from 'mingo';
import { MongoCommandError } from '../errors.js';
import { type DocumentView } from '../storage/document-view.js';
import { collateFilter, type Collation } from '../query/collation.js';
import { compileFilter } from '../query/filter.js';
import { sortDocuments } from '../query/sort.js';

export interface ReadOptions {
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
  hint?: string | Document;
  /** Compare strings by this collation (absent: binary, MongoDB's `simple`). */
  collation?: Collation;
}

/**
 * Matching documents. Stored documents are never changed in place (updates store a new copy), so
 * results are shared read-only; callers that transform them (aggregation) copy them first.
 */
export function findDocuments(view: DocumentView, ns: string, filter: Document, options: ReadOptions = {}): Document[] {
  const hasProjection = options.projection && Object.keys(options.projection).length > 0;
  const sort = options.sort && Object.keys(options.sort).length > 0 ? options.sort : undefined;
  const skip = Math.max(0, options.skip ?? 0);
  const limit = options.limit ? Math.abs(options.limit) : undefined;
  let documents: Document[];
  let isSorted: boolean;
  try {
    const shape = {
      filter: filter ?? {},
      sort,
      limit: limit === undefined ? undefined : skip + limit,
      hint: options.hint,
      collation: options.collation,
    };
    // Collated, the filter compares strings by the collation; indexes of the same collation bound it.
    const compiled = options.collation ? compileFilter(collateFilter(shape.filter, options.collation)) : undefined;
    const result = view.query(ns, shape, compiled);
    documents = result.matches.map((m) => m.doc);
    isSorted = result.isSorted;
  } catch (error) {
    if (error instanceof MongoCommandError) throw error;
    throw new MongoCommandError('BadValue', error instanceof Error ? error.message : String(error));
  }
  if (sort && !isSorted) documents = sortDocuments(documents, sort, options.collation?.compare);
  if (skip || limit !== undefined) documents = documents.slice(skip, limit === undefined ? undefined : skip + limit);
  if (!hasProjection) return documents;
  const fields = plainInclusion(options.projection!);
  if (fields) return documents.map((doc) => pick(doc, fields));
  return new Query({}).find<Document>(documents, options.projection).all();
}

/**
 * The fields of `{a: 1, b: 1}` (and `_id: 0`): top-level inclusions, which bulk readers ask for
 * often and are picked here in the document's order; null for anything mingo must do.
 */
function plainInclusion(projection: Document): Set<string> | null {
  const fields = new Set<string>(['_id']);
  let included = 0;
  for (const [field, value] of Object.entries(projection)) {
    if (field.includes('.') || field.startsWith('$')) return null;
    if (field === '_id' && (value === 0 || value === false)) fields.delete('_id');
    else if (value === 1 || value === true) {
      fields.add(field);
      included++;
    } else return null;
  }
  return included > 0 ? fields : null;
}

function pick(doc: Document, fields: Set<string>): Document {
  const picked: Document = {};
  for (const key of Object.keys(doc)) if (fields.has(key)) picked[key] = doc[key];
  return picked;
}

/** An aggregation's leading $match, $sort and $limit, which run as a query. */
export function leadingStages(pipeline: Document[]): {
  filter: Document;
  sort?: Document;
  limit?: number;
  used: number;
} {
  let used = 0;
  let filter: Document = {};
  let sort: Document | undefined;
  let limit: number | undefined;
  if (pipeline[used] && '$match' in pipeline[used]) filter = pipeline[used++].$match as Document;
  if (pipeline[used] && '$sort' in pipeline[used]) sort = pipeline[used++].$sort as Document;
  if (sort && pipeline[used] && '$limit' in pipeline[used]) limit = Number(pipeline[used++].$limit);
  return { filter, sort, limit, used };
}
