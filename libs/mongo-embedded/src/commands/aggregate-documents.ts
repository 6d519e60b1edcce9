// Aggregation pipelines: mingo runs the stages, except $sample and $sort, done here as MongoDB
// does them, and $group/$sortByCount under a collation (collated-group.ts); $lookup and $facet read other collections through the same view.
import { type Document } from 'bson';
import { Aggregator } from 'mingo';
import { MongoCommandError } from '../errors.js';
import { rewritePipeline } from '../query/bson-rewrites.js';
import { collateFilter, type Collation } from '../query/collation.js';
import { sortDocuments } from '../query/sort.js';
import { type DocumentView } from '../storage/document-view.js';
import { hasTypedNumbers, numericShadow, restoreNumberTypes } from '../storage/numbers.js';
import { canonicalKey, cloneValue } from '../storage/values.js';
import { collatedGroup, isCollatedGroupStage, type RunStages } from './collated-group.js';
import { findDocuments } from './find-documents.js';

const isPlainSort = (sort: unknown): boolean =>
  sort !== null && typeof sort === 'object' && Object.values(sort).every((d) => d === 1 || d === -1);

/** An aggregation pipeline; $lookup and $facet read other collections through the same view. */
export function aggregateDocuments(
  view: DocumentView,
  db: string,
  source: Document[],
  pipeline: Document[],
  collation?: Collation,
): Document[] {
  // The aggregate command writes a final $out or $merge itself; anywhere else they are misplaced.
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    if (name === '$out' || name === '$merge')
      throw new MongoCommandError('Location40601', `${name} can only be the final stage in the pipeline`);
  }
  try {
    // Stages compute on numeric shadows (mingo adds and compares JS numbers only); a pipeline of
    // leading $match/$sort/$limit alone (already run as a query) returns the typed documents.
    if (pipeline.length === 0) return source.map(cloneValue);
    let documents = source.map((doc) => cloneValue(numericShadow(doc)));
    // $sample draws without replacement (mingo's draws with it) and $sort follows MongoDB's order
    // across types, so the pipeline runs in mingo segments around those stages.
    let segment: Document[] = [];
    const run: RunStages = (input, stages) =>
      new Aggregator(rewritePipeline(stages), {
        collectionResolver: (name: string) =>
          findDocuments(view, `${db}.${name}`, {}).map((doc) => cloneValue(numericShadow(doc))),
      }).run(input) as Document[];
    const runSegment = () => {
      if (segment.length === 0) return;
      const stages = collation
        ? segment.map((stage) =>
            '$match' in stage ? { $match: collateFilter(stage.$match as Document, collation) } : stage,
          )
        : segment;
      documents = run(documents, stages);
      segment = [];
    };
    for (const stage of pipeline) {
      if (collation && isCollatedGroupStage(stage)) {
        runSegment();
        documents = collatedGroup(documents, stage, collation, run);
      } else if ('$sample' in stage) {
        runSegment();
        documents = sample(documents, Number((stage.$sample as Document)?.size));
      } else if ('$sort' in stage && isPlainSort(stage.$sort)) {
        runSegment();
        documents = sortDocuments(documents, stage.$sort as Document, collation?.compare);
      } else segment.push(stage);
    }
    runSegment();
    return restoreTypesById(documents, source);
  } catch (error) {
    if (error instanceof MongoCommandError) throw error;
    throw new MongoCommandError('BadValue', error instanceof Error ? error.message : String(error));
  }
}

/** Outputs keep the number types of the input document with the same _id where values are unchanged. */
function restoreTypesById(documents: Document[], source: Document[]): Document[] {
  const typed = new Map<string, Document>();
  for (const doc of source) if (hasTypedNumbers(doc)) typed.set(canonicalKey(doc._id), doc);
  if (typed.size === 0) return documents;
  return documents.map((doc) => {
    const original = doc._id === undefined ? undefined : typed.get(canonicalKey(doc._id));
    return original ? (restoreNumberTypes(doc, original) as Document) : doc;
  });
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
