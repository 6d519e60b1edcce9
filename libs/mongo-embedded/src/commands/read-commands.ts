// find, getMore, killCursors, count, distinct and aggregate.
import { Long } from 'bson';
import { MongoCommandError } from '../errors.js';
import { type Collation } from '../query/collation.js';
import { canonicalKey, valuesAtPath } from '../storage/values.js';
import { bindFilterVariables, bindVariables, evaluateLet } from '../query/variables.js';
import { aggregate } from './aggregate-command.js';
import { collationFor, type CommandHandler } from './context.js';
import { readDocuments } from './read-documents.js';
import { resolveNamespace } from './views.js';

const find: CommandHandler = (command, context) => {
  const ns = `${context.db}.${command.find}`;
  const variables = evaluateLet(command.let);
  const documents = readDocuments(context, ns, bindFilterVariables(command.filter ?? {}, variables), {
    sort: command.sort,
    skip: command.skip,
    limit: command.limit,
    projection: bindVariables(command.projection, variables),
    hint: command.hint,
    collation: command.collation,
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
  const documents = readDocuments(context, ns, command.query ?? {}, {
    skip: command.skip,
    limit: command.limit,
    hint: command.hint,
    collation: command.collation,
  });
  return { n: documents.length, ok: 1 };
};

const distinct: CommandHandler = (command, context) => {
  const ns = `${context.db}.${command.distinct}`;
  const collation = collationFor(context, resolveNamespace(context, ns).ns, command.collation);
  const documents = readDocuments(context, ns, command.query ?? {}, { collation: command.collation });
  const values = new Map<string, unknown>();
  for (const doc of documents) {
    for (const value of valuesAtPath(doc, command.key as string).flatMap((v) => (Array.isArray(v) ? v : [v]))) {
      // One value per BSON equality (1, 1.0 and Long(1) are one), as MongoDB's distinct.
      if (value !== undefined) values.set(canonicalKey(value), value);
    }
  }
  const distinctValues = [...values.values()];
  // Under a collation, values it finds equal ("PING", "ping" at strength 2) are one: the first seen.
  return { values: collation ? distinctUnder(collation, distinctValues) : distinctValues, ok: 1 };
};

/** One value per run of values the collation finds equal (sorted by it, so runs are adjacent). */
function distinctUnder(collation: Collation, values: unknown[]): unknown[] {
  const sorted = [...values].sort(collation.compare);
  return sorted.filter((value, i) => i === 0 || !collation.equals(sorted[i - 1], value));
}

export const readCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct, aggregate };
