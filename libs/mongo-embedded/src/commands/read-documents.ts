// A query (find, count, distinct) on a collection or a view: a view's pipeline runs over its
// base collection, followed by the query as stages.
import { type Document } from 'bson';
import { aggregateDocuments } from './aggregate-documents.js';
import { collationFor, type CommandContext } from './context.js';
import { findDocuments, type ReadOptions } from './find-documents.js';
import { resolveNamespace } from './views.js';

export interface QueryOptions extends Omit<ReadOptions, 'collation'> {
  /** The collation as sent; the collection's (or view's base collection's) default applies without. */
  collation?: unknown;
}

export function readDocuments(
  context: CommandContext,
  ns: string,
  filter: Document,
  options: QueryOptions,
): Document[] {
  const resolved = resolveNamespace(context, ns);
  const collation = collationFor(context, resolved.ns, options.collation);
  if (!resolved.isView) return findDocuments(context.view, ns, filter, { ...options, collation });
  const has = (value: Document | undefined) => value !== undefined && Object.keys(value).length > 0;
  const stages: Document[] = [
    ...resolved.pipeline,
    { $match: filter },
    ...(has(options.sort) ? [{ $sort: options.sort }] : []),
    ...(options.skip ? [{ $skip: options.skip }] : []),
    ...(options.limit ? [{ $limit: Math.abs(options.limit) }] : []),
    ...(has(options.projection) ? [{ $project: options.projection }] : []),
  ];
  const source = findDocuments(context.view, resolved.ns, {}, { collation });
  return aggregateDocuments(context.view, context.db, source, stages, collation);
}
