// Collections, databases and indexes.
import { calculateObjectSize, type Document, UUID } from 'bson';
import { Query } from 'mingo';
import { MongoCommandError } from '../errors.js';
import { rewriteFilter } from '../query/bson-rewrites.js';
import { CollectionIndex, type IndexSpec } from '../storage/collection-index.js';
import { effectiveCollation, parseCollation } from '../query/collation.js';
import { assertNotView } from './views.js';
import { collMod } from './coll-mod.js';
import { assertNoCollatedDuplicates } from './collated-unique.js';
import { type CommandHandler } from './context.js';

const create: CommandHandler = (command, context) => {
  const ns = `${context.db}.${command.create}`;
  if (context.view.collectionExists(ns)) {
    throw new MongoCommandError('NamespaceExists', `Collection ${ns} already exists.`);
  }
  const {
    create: _name,
    $db: _db,
    lsid: _l,
    $clusterTime: _c,
    txnNumber: _t,
    autocommit: _a,
    startTransaction: _s,
    writeConcern: _w,
    ...options
  } = command;
  // Document validation is not implemented: refused, so no one relies on a rule never enforced.
  for (const option of ['validator', 'validationLevel', 'validationAction'])
    if (options[option] !== undefined)
      throw new MongoCommandError('InvalidOptions', `create option '${option}' is not supported by this server`);
  if (options.viewOn !== undefined) {
    if (typeof options.viewOn !== 'string')
      throw new MongoCommandError(
        'TypeMismatch',
        "BSON field 'create.viewOn' is the wrong type, expected type 'string'",
      );
    if (options.pipeline !== undefined && !Array.isArray(options.pipeline))
      throw new MongoCommandError(
        'TypeMismatch',
        "BSON field 'create.pipeline' is the wrong type, expected type 'array'",
      );
    options.pipeline = options.pipeline ?? [];
  } else if (options.pipeline !== undefined)
    throw new MongoCommandError('BadValue', "'pipeline' requires 'viewOn' to also be specified");
  const collation = parseCollation(options.collation);
  if (collation) options.collation = collation.spec;
  else delete options.collation;
  context.applyOperations([{ op: 'createCollection', ns, options }]);
  return { ok: 1 };
};

const drop: CommandHandler = (command, context) => {
  const ns = `${context.db}.${command.drop}`;
  // MongoDB 7: dropping a collection that does not exist succeeds.
  if (context.store.collection(ns)) context.applyOperations([{ op: 'dropCollection', ns }]);
  return { ns, nIndexesWas: 1, ok: 1 };
};

const dropDatabase: CommandHandler = (_command, context) => {
  context.applyOperations([{ op: 'dropDatabase', db: context.db }]);
  return { dropped: context.db, ok: 1 };
};

const listCollections: CommandHandler = (command, context) => {
  const collections = [...(context.store.databases.get(context.db)?.values() ?? [])];
  let entries: Document[] = collections.map((c) =>
    typeof c.options.viewOn === 'string'
      ? { name: c.name, type: 'view', options: c.options, info: { readOnly: true } }
      : {
          name: c.name,
          type: 'collection',
          options: c.options,
          info: { readOnly: false, uuid: new UUID() },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        },
  );
  const filter = command.filter as Document | undefined;
  if (filter && Object.keys(filter).length > 0) {
    const query = new Query(rewriteFilter(filter));
    entries = entries.filter((entry) => query.test(entry));
  }
  if (command.nameOnly) entries = entries.map((e) => ({ name: e.name, type: e.type }));
  const { id, firstBatch } = context.cursors.open(`${context.db}.$cmd.listCollections`, entries, 0);
  return { cursor: { id, ns: `${context.db}.$cmd.listCollections`, firstBatch }, ok: 1 };
};

const listDatabases: CommandHandler = (command, context) => {
  const databases = [...context.store.databases.entries()].map(([name, collections]) => ({
    name,
    sizeOnDisk: 0,
    empty: [...collections.values()].every((c) => c.docs.size === 0),
  }));
  return command.nameOnly
    ? { databases: databases.map((d) => ({ name: d.name })), ok: 1 }
    : { databases, totalSize: 0, totalSizeMb: 0, ok: 1 };
};

function indexName(key: Document): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
}

const createIndexes: CommandHandler = (command, context) => {
  const ns = `${context.db}.${command.createIndexes}`;
  assertNotView(context, ns);
  const existed = context.store.collection(ns);
  if (context.view.transaction && existed)
    throw new MongoCommandError(
      'OperationNotSupportedInTransaction',
      `Cannot create new indexes on existing collection ${ns} in a multi-document transaction.`,
    );
  const before = existed ? existed.indexes.size + 1 : 1;
  const isNewCollection = !context.view.collectionExists(ns);
  const specs = ((command.indexes as Document[]) ?? []).map((index) => {
    if (!index.key || typeof index.key !== 'object' || Object.keys(index.key).length === 0) {
      throw new MongoCommandError('BadValue', 'Index key pattern must be a non-empty object');
    }
    // An index takes the collection's default collation unless it names its own; MongoDB
    // reports it with every option filled in, and `simple` as no collation at all.
    const { collation: requested, ...rest } = index;
    const collation = effectiveCollation(requested, existed?.options?.collation);
    return {
      v: 2,
      ...rest,
      name: index.name ?? indexName(index.key),
      ...(collation ? { collation: collation.spec } : {}),
    } as IndexSpec;
  });
  if (existed) {
    const fresh = specs.map((spec) => new CollectionIndex(spec));
    for (const doc of existed.docs.values()) existed.assertIndexable(doc, fresh);
    for (const spec of specs) assertNoCollatedDuplicates(ns, existed.docs.values(), spec);
  }
  context.applyOperations(
    specs.filter((spec) => !(spec.name === '_id_')).map((spec) => ({ op: 'createIndex' as const, ns, spec })),
  );
  // In a transaction the indexes are created at commit (see Engine.deferUntilCommit).
  const after = context.view.transaction
    ? before + specs.filter((spec) => spec.name !== '_id_').length
    : context.store.collection(ns)!.indexes.size + 1;
  return {
    createdCollectionAutomatically: isNewCollection,
    numIndexesBefore: before,
    numIndexesAfter: after,
    ok: 1,
  };
};

const listIndexes: CommandHandler = (command, context) => {
  const ns = `${context.db}.${command.listIndexes}`;
  const collection = context.store.collection(ns);
  if (!collection) throw new MongoCommandError('NamespaceNotFound', `ns does not exist: ${ns}`);
  const { id, firstBatch } = context.cursors.open(ns, context.store.listIndexes(collection), 0);
  return { cursor: { id, ns, firstBatch }, ok: 1 };
};

const dropIndexes: CommandHandler = (command, context) => {
  const ns = `${context.db}.${command.dropIndexes}`;
  const collection = context.store.collection(ns);
  if (!collection) throw new MongoCommandError('NamespaceNotFound', `ns not found ${ns}`);
  const target = command.index;
  const names =
    target === '*'
      ? [...collection.indexes.keys()]
      : Array.isArray(target)
        ? (target as string[])
        : typeof target === 'string'
          ? [target]
          : [...collection.indexes.values()]
              .filter((i) => JSON.stringify(i.spec.key) === JSON.stringify(target))
              .map((i) => i.name);
  if (names.length === 0 && target !== '*')
    throw new MongoCommandError('IndexNotFound', `can't find index with key: ${JSON.stringify(target)}`);
  const nIndexesWas = collection.indexes.size + 1;
  context.applyOperations(names.map((name) => ({ op: 'dropIndex' as const, ns, name })));
  return { nIndexesWas, ok: 1 };
};

const renameCollection: CommandHandler = (command, context) => {
  const from = command.renameCollection as string;
  const to = command.to as string;
  if (command.dropTarget && context.store.collection(to)) context.applyOperations([{ op: 'dropCollection', ns: to }]);
  context.applyOperations([{ op: 'renameCollection', ns: from, to }]);
  return { ok: 1 };
};

const collStats: CommandHandler = (command, context) => {
  const ns = `${context.db}.${command.collStats}`;
  const collection = context.store.collection(ns);
  if (!collection) throw new MongoCommandError('NamespaceNotFound', `Collection [${ns}] not found.`);
  let size = 0;
  for (const doc of collection.docs.values()) size += calculateObjectSize(doc);
  const count = collection.docs.size;
  return {
    ns,
    count,
    size,
    avgObjSize: count ? Math.round(size / count) : 0,
    storageSize: size,
    nindexes: collection.indexes.size + 1,
    ok: 1,
  };
};

export const adminCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  renameCollection,
  collStats,
  collMod,
};
