// find, getMore, killCursors, count, distinct and aggregate.
import { type Document, Long } from 'bson';
import { MongoCommandError } from '../errors.js';
import { canonicalKey, valuesAtPath } from '../storage/values.js';
import { type CommandHandler } from './context.js';
import { aggregateDocuments } from './aggregate-documents.js';
import { findDocuments, leadingStages } from './find-documents.js';

const find: CommandHandler = (command, context) => {
  const ns = `${context.db}.${command.find}`;
  const documents = findDocuments(context.view, ns, command.filter ?? {}, {
    sort: command.sort,
    skip: command.skip,
    limit: command.limit,
    projection: command.projection,
    hint: command.hint,
  });
  const batchSize = command.singleBatch && command.limit ? Math.abs(command.limit) : (command.batchSize ?? 101);
  const { id, firstBatch } = context.cursors.open(ns, documents, batchSize, command.singleBatch === true);
  return { cursor: { firstBatch, id, ns }, ok: 1 };
};

const getMore: CommandHandler = (command, context) => {
  // The id arrives as a number once deserialised; replies must carry it back as int64.
  const id = Long.fromValue(command.getMore as Long | number);
  const cursor = context.cursors.get(id);
  if (!cursor) throw new MongoCommandError('CursorNotFound', `cursor id ${id} not found`);
  const size = (command.batchSize as number | undefined) ?? cursor.batchSize;
  const nextBatch = cursor.documents.slice(cursor.position, cursor.position + size);
  cursor.position += nextBatch.length;
  const isExhausted = cursor.position >= cursor.documents.length;
  if (isExhausted) context.cursors.close(id);
  return { cursor: { nextBatch, id: isExhausted ? Long.ZERO : id, ns: cursor.ns }, ok: 1 };
};

const killCursors: CommandHandler = (command, context) => {
  const killed: Long[] = [];
  const notFound: Long[] = [];
  for (const id of (command.cursors as Long[]) ?? []) (context.cursors.close(id) ? killed : notFound).push(id);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

const count: CommandHandler = (command, context) => {
  if (context.view.transaction)
    throw new MongoCommandError(
      'OperationNotSupportedInTransaction',
      "Cannot run 'count' in a multi-document transaction.",
    );
  const ns = `${context.db}.${command.count}`;
  const documents = findDocuments(context.view, ns, command.query ?? {}, {
    skip: command.skip,
    limit: command.limit,
    hint: command.hint,
  });
  return { n: documents.length, ok: 1 };
};

const distinct: CommandHandler = (command, context) => {
  const ns = `${context.db}.${command.distinct}`;
  const documents = findDocuments(context.view, ns, command.query ?? {});
  const values = new Map<string, unknown>();
  for (const doc of documents) {
    for (const value of valuesAtPath(doc, command.key as string).flatMap((v) => (Array.isArray(v) ? v : [v]))) {
      // One value per BSON equality (1, 1.0 and Long(1) are one), as MongoDB's distinct.
      if (value !== undefined) values.set(canonicalKey(value), value);
    }
  }
  return { values: [...values.values()], ok: 1 };
};

const aggregate: CommandHandler = (command, context) => {
  const pipeline = (command.pipeline as Document[]) ?? [];
  if (command.aggregate === 1) throw new MongoCommandError('BadValue', 'database-level aggregation is not supported');
  const ns = `${context.db}.${command.aggregate}`;
  // A leading $match, $sort and $limit run as a query, through the indexes, before the rest.
  const { filter, sort, limit, used } = leadingStages(pipeline);
  const source = findDocuments(context.view, ns, filter, { sort, limit, hint: command.hint });
  const documents = aggregateDocuments(context.view, context.db, source, pipeline.slice(used));
  const batchSize = (command.cursor as Document | undefined)?.batchSize ?? 101;
  const { id, firstBatch } = context.cursors.open(ns, documents, batchSize);
  return { cursor: { firstBatch, id, ns }, ok: 1 };
};

export const readCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct, aggregate };
