// The writing stages of an aggregation, run by the aggregate command on the pipeline's results:
// $out replaces a collection's contents at once (indexes kept), $merge folds results into one.
import { type Document, ObjectId } from 'bson';
import { MongoCommandError } from '../errors.js';
import { compileFilter } from '../query/filter.js';
import { bindVariables, evaluateLet } from '../query/variables.js';
import { applyUpdate } from '../storage/apply-update.js';
import { Collection } from '../storage/collection.js';
import { type Operation } from '../storage/store.js';
import { valuesAtPath } from '../storage/values.js';
import { assertCollatedUnique } from './collated-unique.js';
import { type CommandContext } from './context.js';
import { assertNotView } from './views.js';

function targetOf(spec: unknown, db: string, stage: string): string {
  if (typeof spec === 'string') return `${db}.${spec}`;
  const target = spec as Document | undefined;
  const coll = stage === '$merge' ? (target?.into ?? target) : target;
  if (typeof coll === 'string') return `${db}.${coll}`;
  if (coll && typeof (coll as Document).coll === 'string')
    return `${((coll as Document).db as string | undefined) ?? db}.${(coll as Document).coll}`;
  throw new MongoCommandError('FailedToParse', `${stage} requires a target collection`);
}

function assertOutsideTransaction(context: CommandContext, stage: string): void {
  if (context.view.transaction)
    throw new MongoCommandError('OperationNotSupportedInTransaction', `${stage} cannot be used in a transaction`);
}

const withId = (doc: Document): Document => (doc._id === undefined ? { _id: new ObjectId(), ...doc } : doc);

/** $out: the target becomes exactly the results, or stays as it was if any cannot be stored. */
export function runOut(context: CommandContext, spec: unknown, documents: Document[]): void {
  assertOutsideTransaction(context, '$out');
  const target = targetOf(spec, context.db, '$out');
  assertNotView(context, target);
  const existing = context.store.collection(target);
  // Built aside and renamed over the target, as mongod does, so a failure leaves the target alone.
  const temp = `${target.split('.')[0]}.tmp.agg_out.${new ObjectId().toHexString()}`;
  const operations: Operation[] = [
    { op: 'createCollection', ns: temp, options: existing?.options ?? {} },
    ...[...(existing?.indexes.values() ?? [])].map((index) => ({
      op: 'createIndex' as const,
      ns: temp,
      spec: index.spec,
    })),
    ...documents.map((doc) => ({ op: 'insert' as const, ns: temp, doc: withId(doc) })),
  ];
  // One store write: if it fails, no part of the temporary collection exists.
  context.applyOperations(operations);
  context.applyOperations([
    ...(existing ? [{ op: 'dropCollection' as const, ns: target }] : []),
    { op: 'renameCollection', ns: temp, to: target },
  ]);
}

/** $merge: each result matched on `on` against the target, then replaced, merged, kept, inserted… */
export async function runMerge(context: CommandContext, spec: unknown, documents: Document[]): Promise<void> {
  assertOutsideTransaction(context, '$merge');
  const target = targetOf(spec, context.db, '$merge');
  assertNotView(context, target);
  const options = (typeof spec === 'object' && spec !== null ? spec : {}) as Document;
  const on =
    options.on === undefined ? ['_id'] : Array.isArray(options.on) ? (options.on as string[]) : [options.on as string];
  assertUniqueOn(context, target, on);
  const whenMatched = options.whenMatched ?? 'merge';
  const whenNotMatched = options.whenNotMatched ?? 'insert';
  const variables = evaluateLet(options.let);
  for (const result of documents) {
    const doc = withId(result);
    const filter = Object.fromEntries(on.map((field) => [field, valuesAtPath(doc, field)[0] ?? null]));
    const [match] = context.view.find(target, filter, compileFilter(filter));
    if (!match) {
      if (whenNotMatched === 'discard') continue;
      if (whenNotMatched === 'fail')
        throw new MongoCommandError(
          'MergeStageNoMatchingDocument',
          '$merge could not find a matching document in the target collection for at least one document in the source collection',
        );
      await context.view.prepareWrite(target, Collection.keyOf(doc));
      assertCollatedUnique(context, target, Collection.keyOf(doc), doc);
      context.view.insert(target, doc);
      continue;
    }
    const merged = mergedDocument(match.doc, doc, whenMatched, { ...variables, new: doc }, context.now);
    if (!merged) continue;
    await context.view.prepareWrite(target, match.key);
    assertCollatedUnique(context, target, match.key, merged);
    context.view.replace(target, match.key, merged);
  }
}

function mergedDocument(
  existing: Document,
  incoming: Document,
  whenMatched: unknown,
  variables: Document,
  now: Date,
): Document | undefined {
  if (whenMatched === 'keepExisting') return undefined;
  if (whenMatched === 'replace') return { ...incoming, _id: existing._id };
  if (whenMatched === 'merge') return { ...existing, ...incoming, _id: existing._id };
  if (whenMatched === 'fail')
    throw new MongoCommandError(
      'DuplicateKey',
      '$merge failed: a document with the same key exists in the target collection',
      {
        keyPattern: { _id: 1 },
        keyValue: { _id: existing._id },
      },
    );
  if (Array.isArray(whenMatched))
    return applyUpdate(existing, bindVariables(whenMatched as Document[], variables), { now }).doc;
  throw new MongoCommandError(
    'BadValue',
    `Enumeration value '${String(whenMatched)}' for field 'whenMatched' is not a valid value.`,
  );
}

/** mongod needs a unique index on the `on` fields, so each result matches one document at most. */
function assertUniqueOn(context: CommandContext, target: string, on: string[]): void {
  if (on.length === 1 && on[0] === '_id') return;
  const indexes = [...(context.store.collection(target)?.indexes.values() ?? [])];
  const wanted = [...on].sort().join('\u0000');
  if (!indexes.some((index) => index.isUnique && [...index.fields].sort().join('\u0000') === wanted))
    throw new MongoCommandError('Location51183', 'Cannot find index to verify that join fields will be unique');
}
