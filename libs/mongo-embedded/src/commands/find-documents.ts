// Running a read: filter, sort, skip, limit and projection over what the view sees, on copies.
import { type Document } from 'bson';
import { Aggregator, Query } from 'mingo';
import { MongoCommandError } from '../errors.js';
import { type DocumentView } from '../storage/document-view.js';
import { rewritePipeline } from '../query/bson-rewrites.js';
import { cloneValue } from '../storage/values.js';

export interface ReadOptions {
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
}

/**
 * Matching documents. Stored documents are never changed in place (updates store a new copy), so
 * results are shared read-only; callers that transform them (aggregation) copy them first.
 */
export function findDocuments(view: DocumentView, ns: string, filter: Document, options: ReadOptions = {}): Document[] {
  let matches: Document[];
  try {
    matches = view.find(ns, filter ?? {}).map((m) => m.doc);
  } catch (error) {
    throw new MongoCommandError('BadValue', error instanceof Error ? error.message : String(error));
  }
  const hasProjection = options.projection && Object.keys(options.projection).length > 0;
  const hasSort = options.sort && Object.keys(options.sort).length > 0;
  if (!hasProjection && !hasSort && !options.skip && !options.limit) return matches;
  let cursor = new Query({}).find<Document>(matches, hasProjection ? options.projection : undefined);
  if (hasSort) cursor = cursor.sort(options.sort!);
  if (options.skip) cursor = cursor.skip(options.skip);
  if (options.limit) cursor = cursor.limit(Math.abs(options.limit));
  return cursor.all();
}

/** An aggregation pipeline; $lookup and $facet read other collections through the same view. */
export function aggregateDocuments(
  view: DocumentView,
  db: string,
  source: Document[],
  pipeline: Document[],
): Document[] {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    if (name === '$out' || name === '$merge')
      throw new MongoCommandError('BadValue', `${name} is not supported by the embedded engine`);
  }
  try {
    return new Aggregator(rewritePipeline(pipeline), {
      collectionResolver: (name: string) => findDocuments(view, `${db}.${name}`, {}).map(cloneValue),
    }).run(source.map(cloneValue)) as Document[];
  } catch (error) {
    throw new MongoCommandError('BadValue', error instanceof Error ? error.message : String(error));
  }
}
