// collMod: change an index's TTL or hidden flag, or redefine a view. Options the engine does not
// implement (validators, converting indexes to unique…) are refused, never silently ignored.
import { type Document } from 'bson';
import { MongoCommandError } from '../errors.js';
import { type CommandHandler } from './context.js';
import { isView } from './views.js';

const GENERIC_FIELDS = new Set([
  'collMod',
  '$db',
  'lsid',
  '$clusterTime',
  'txnNumber',
  'writeConcern',
  'comment',
  '$readPreference',
]);
const SUPPORTED = new Set(['index', 'viewOn', 'pipeline']);
const NOT_IMPLEMENTED = new Set([
  'validator',
  'validationLevel',
  'validationAction',
  'expireAfterSeconds',
  'changeStreamPreAndPostImages',
  'timeseries',
  'clusteredIndex',
  'dryRun',
  'cappedSize',
  'cappedMax',
]);

export const collMod: CommandHandler = (command, context) => {
  const ns = `${context.db}.${command.collMod}`;
  for (const field of Object.keys(command)) {
    if (GENERIC_FIELDS.has(field) || SUPPORTED.has(field)) continue;
    if (NOT_IMPLEMENTED.has(field))
      throw new MongoCommandError('InvalidOptions', `collMod option '${field}' is not supported by this server`);
    throw new MongoCommandError('Location40415', `BSON field 'collMod.${field}' is an unknown field.`);
  }
  const collection = context.store.collection(ns);
  if (!collection) throw new MongoCommandError('NamespaceNotFound', `ns does not exist: ${ns}`);
  if (command.viewOn !== undefined || command.pipeline !== undefined) {
    if (!isView(context, ns))
      throw new MongoCommandError(
        'InvalidOptions',
        `option not supported on a collection: ${command.viewOn !== undefined ? 'viewOn' : 'pipeline'}`,
      );
    const options = {
      ...collection.options,
      ...(command.viewOn !== undefined ? { viewOn: command.viewOn } : {}),
      ...(command.pipeline !== undefined ? { pipeline: command.pipeline } : {}),
    };
    // A view holds no documents: redefining it is dropping and creating it again.
    context.applyOperations([
      { op: 'dropCollection', ns },
      { op: 'createCollection', ns, options },
    ]);
    return { ok: 1 };
  }
  return command.index === undefined ? { ok: 1 } : modifyIndex(command.index as Document, ns, context);
};

function modifyIndex(change: Document, ns: string, context: Parameters<CommandHandler>[1]): Document {
  const collection = context.store.collection(ns)!;
  const index = [...collection.indexes.values()].find((candidate) =>
    change.name !== undefined
      ? candidate.name === change.name
      : JSON.stringify(candidate.spec.key) === JSON.stringify(change.keyPattern),
  );
  const described = JSON.stringify(change.name ?? change.keyPattern);
  if (!index) throw new MongoCommandError('IndexNotFound', `cannot find index ${described} for ns ${ns}`);
  for (const field of Object.keys(change))
    if (!['name', 'keyPattern', 'expireAfterSeconds', 'hidden'].includes(field))
      throw new MongoCommandError('InvalidOptions', `collMod index option '${field}' is not supported by this server`);
  const reply: Document = {};
  const spec = { ...index.spec };
  if (change.expireAfterSeconds !== undefined) {
    if (index.spec.expireAfterSeconds === undefined)
      throw new MongoCommandError('InvalidOptions', 'no expireAfterSeconds field to update');
    reply.expireAfterSeconds_old = index.spec.expireAfterSeconds;
    reply.expireAfterSeconds_new = change.expireAfterSeconds;
    spec.expireAfterSeconds = change.expireAfterSeconds as number;
  }
  if (change.hidden !== undefined) {
    reply.hidden_old = index.spec.hidden === true;
    reply.hidden_new = change.hidden === true;
    if (change.hidden === true) spec.hidden = true;
    else delete spec.hidden;
  }
  // The store has no "change an index" operation: the index is rebuilt with its new options.
  context.applyOperations([
    { op: 'dropIndex', ns, name: index.name },
    { op: 'createIndex', ns, spec },
  ]);
  return { ...reply, ok: 1 };
}
