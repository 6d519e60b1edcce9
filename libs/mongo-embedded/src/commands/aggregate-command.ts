// The aggregate command: on a collection or view, or on the database (`aggregate: 1`) with a
// source stage that needs no collection; `let` variables; a final $out or $merge writes the results.
import { type Document } from 'bson';
import { MongoCommandError } from '../errors.js';
import { bindPipelineVariables, evaluateLet } from '../query/variables.js';
import { aggregateDocuments } from './aggregate-documents.js';
import { runMerge, runOut } from './aggregate-output.js';
import { collationFor, type CommandContext, type CommandHandler } from './context.js';
import { findDocuments, leadingStages } from './find-documents.js';
import { resolveNamespace } from './views.js';

export const aggregate: CommandHandler = async (command, context) => {
  let pipeline = bindPipelineVariables((command.pipeline as Document[]) ?? [], evaluateLet(command.let));
  const last = pipeline.at(-1);
  const output = last && ('$out' in last || '$merge' in last) ? last : undefined;
  if (output) pipeline = pipeline.slice(0, -1);
  if (output && (command.readConcern as Document | undefined)?.level === 'linearizable')
    throw new MongoCommandError(
      'InvalidOptions',
      `${Object.keys(output)[0]} cannot be used with a 'linearizable' read concern level`,
    );

  const isDatabaseLevel = command.aggregate === 1;
  const ns = isDatabaseLevel ? `${context.db}.$cmd.aggregate` : `${context.db}.${command.aggregate}`;
  let documents: Document[];
  if (isDatabaseLevel) {
    const source = databaseSource(context, pipeline[0]);
    documents = aggregateDocuments(context.view, context.db, source, pipeline.slice(1));
  } else {
    const resolved = resolveNamespace(context, ns);
    const collation = collationFor(context, resolved.ns, command.collation);
    const stages = [...resolved.pipeline, ...pipeline];
    // A leading $match, $sort and $limit run as a query, through the indexes, before the rest.
    const { filter, sort, limit, used } = leadingStages(stages);
    const source = findDocuments(context.view, resolved.ns, filter, { sort, limit, hint: command.hint, collation });
    documents = aggregateDocuments(context.view, context.db, source, stages.slice(used), collation);
  }
  if (output) {
    if ('$out' in output) runOut(context, output.$out, documents);
    else await runMerge(context, output.$merge, documents);
    documents = [];
  }
  const batchSize = (command.cursor as Document | undefined)?.batchSize ?? 101;
  const { id, firstBatch } = context.cursors.open(ns, documents, batchSize);
  return { cursor: { firstBatch, id, ns }, ok: 1 };
};

/** The documents a database-level pipeline starts from, per its first stage (as mongod allows). */
function databaseSource(context: CommandContext, first: Document | undefined): Document[] {
  const stage = first ? Object.keys(first)[0] : undefined;
  switch (stage) {
    case '$documents':
      if (!Array.isArray(first!.$documents)) throw new MongoCommandError('Location5858203', 'an array is expected');
      return first!.$documents as Document[];
    case '$currentOp':
      if (context.db !== 'admin')
        throw new MongoCommandError(
          'InvalidNamespace',
          "$currentOp must be run against the 'admin' database with {aggregate: 1}",
        );
      // Commands run one at a time against the store: the only operation in progress is this one.
      return [{ type: 'op', active: true, op: 'command', ns: 'admin.$cmd.aggregate', command: { aggregate: 1 } }];
    case '$listLocalSessions':
      return context.localSessions?.() ?? [];
    default:
      throw new MongoCommandError(
        'InvalidNamespace',
        `{aggregate: 1} is not valid for '${stage ?? 'an empty pipeline'}'; a collection is required.`,
      );
  }
}
