// Running a read: filter, sort, skip, limit and projection over what the view sees, on copies.
import { type Document } from 'bson';
import { Aggregator, Query } from 'mingo';
import { MongoCommandError } from '../errors.js';
import { type DocumentView } from '../storage/document-view.js';
import { rewritePipeline } from '../query/bson-rewrites.js';
import { sortDocuments } from '../query/sort.js';
import { cloneValue } from '../storage/values.js';

export interface ReadOptions {
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
  hint?: string | Document;
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
    const result = view.query(ns, {
      filter: filter ?? {},
      sort,
      limit: limit === undefined ? undefined : skip + limit,
      hint: options.hint,
    });
    documents = result.matches.map((m) => m.doc);
    isSorted = result.isSorted;
  } catch (error) {
    if (error instanceof MongoCommandError) throw error;
    throw new MongoCommandError('BadValue', error instanceof Error ? error.message : String(error));
  }
  if (sort && !isSorted) documents = sortDocuments(documents, sort);
  if (skip || limit !== undefined) documents = documents.slice(skip, limit === undefined ? undefined : skip + limit);
  return hasProjection ? new Query({}).find<Document>(documents, options.projection).all() : documents;
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
    let documents = source.map(cloneValue);
    // $sample draws without replacement (mingo's draws with it), so the pipeline runs in segments around it.
    let segment: Document[] = [];
    const runSegment = () => {
      if (segment.length === 0) return;
      documents = new Aggregator(rewritePipeline(segment), {
        collectionResolver: (name: string) => findDocuments(view, `${db}.${name}`, {}).map(cloneValue),
      }).run(documents) as Document[];
      segment = [];
    };
    for (const stage of pipeline) {
      if (!('$sample' in stage)) {
        segment.push(stage);
        continue;
      }
      runSegment();
      documents = sample(documents, Number((stage.$sample as Document)?.size));
    }
    runSegment();
    return documents;
  } catch (error) {
    if (error instanceof MongoCommandError) throw error;
    throw new MongoCommandError('BadValue', error instanceof Error ? error.message : String(error));
  }
}

/** `size` distinct documents in random order (all of them, shuffled, if there are fewer). */
function sample(documents: Document[], size: number): Document[] {
  if (!Number.isInteger(size) || size < 0)
    throw new MongoCommandError('BadValue', 'size argument to $sample must be a non-negative integer');
  const pool = [...documents];
  const count = Math.min(size, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(Math.random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
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
