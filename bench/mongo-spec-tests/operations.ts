// Unified-format operations mapped onto the Node.js driver's API (the driver under test is the
// official one; the server under test is whatever the runner connects to).
import { type Document } from 'bson';
import { type ClientSession, type Collection, type Db, MongoClient, type AnyBulkWriteOperation } from 'mongodb';
import { type Entities } from './entities.js';
import { UnsupportedError } from './matcher.js';

export interface Operation {
  name: string;
  object: string;
  arguments?: Document;
  expectResult?: unknown;
  expectError?: Document;
  ignoreResultAndError?: boolean;
  saveResultAsEntity?: string;
}

export interface RunContext {
  entities: Entities;
  /** Fail points to turn off after the test: (client, name). */
  failPoints: { client: MongoClient; name: string }[];
  runNested(operation: Operation): Promise<void>;
  /** The runner's own client, for checks outside the test's entities. */
  runnerClient: MongoClient;
}

/** Splits the `session` argument off and returns the rest as driver options. */
function split(args: Document | undefined, context: RunContext): { session?: ClientSession; rest: Document } {
  const { session, ...rest } = args ?? {};
  return { session: context.entities.session(session as string | undefined), rest };
}

function bulkRequest(request: Document): AnyBulkWriteOperation {
  const [name, spec] = Object.entries(request)[0] as [string, Document];
  if (name === 'replaceOne') return { replaceOne: { ...spec, replacement: spec.replacement } } as AnyBulkWriteOperation;
  return { [name]: spec } as unknown as AnyBulkWriteOperation;
}

export async function runOperation(operation: Operation, context: RunContext): Promise<unknown> {
  const { entities } = context;
  const target = operation.object === 'testRunner' ? undefined : entities.get(operation.object);
  const { session, rest } = split(operation.arguments, context);
  const options = session ? { ...rest, session } : rest;
  if (operation.object === 'testRunner') return runnerOperation(operation, context);
  const name = operation.name;

  if (target instanceof MongoClient) {
    if (name === 'listDatabases') return (await target.db('admin').admin().listDatabases(options)).databases;
    if (name === 'listDatabaseNames')
      return (await target.db('admin').admin().listDatabases(options)).databases.map((d) => d.name);
    throw new UnsupportedError(`client.${name}`);
  }
  if (target && typeof target === 'object' && 'withTransaction' in target)
    return sessionOperation(target as ClientSession, operation, context);
  if (target && typeof target === 'object' && 'collectionName' in target) {
    const coll = target as Collection;
    const {
      filter,
      document,
      documents,
      update,
      replacement,
      pipeline,
      fieldName,
      requests,
      keys,
      name: indexName,
      ...opts
    } = options;
    switch (name) {
      case 'insertOne':
        return coll.insertOne(document as Document, opts);
      case 'insertMany':
        return coll.insertMany(documents as Document[], opts);
      case 'updateOne':
        return coll.updateOne(filter as Document, update as Document, opts);
      case 'updateMany':
        return coll.updateMany(filter as Document, update as Document, opts);
      case 'replaceOne':
        return coll.replaceOne(filter as Document, replacement as Document, opts);
      case 'deleteOne':
        return coll.deleteOne(filter as Document, opts);
      case 'deleteMany':
        return coll.deleteMany(filter as Document, opts);
      case 'find':
        return coll.find(filter as Document, opts).toArray();
      case 'findOne':
        return coll.findOne(filter as Document, opts);
      case 'aggregate':
        return coll.aggregate(pipeline as Document[], opts).toArray();
      case 'count':
        return coll.count(filter as Document, opts);
      case 'countDocuments':
        return coll.countDocuments(filter as Document, opts);
      case 'estimatedDocumentCount':
        return coll.estimatedDocumentCount(opts);
      case 'distinct':
        return coll.distinct(fieldName as string, filter as Document, opts);
      case 'findOneAndUpdate':
        return coll.findOneAndUpdate(filter as Document, update as Document, returnDocument(opts));
      case 'findOneAndReplace':
        return coll.findOneAndReplace(filter as Document, replacement as Document, returnDocument(opts));
      case 'findOneAndDelete':
        return coll.findOneAndDelete(filter as Document, opts);
      case 'bulkWrite':
        return coll.bulkWrite((requests as Document[]).map(bulkRequest), opts);
      case 'createIndex':
        return coll.createIndex(keys as Document, { ...opts, ...(indexName ? { name: indexName as string } : {}) });
      case 'dropIndex':
        return coll.dropIndex(indexName as string, opts);
      case 'dropIndexes':
        return coll.dropIndexes(opts);
      case 'listIndexes':
        return coll.listIndexes(opts).toArray();
      case 'drop':
        return coll.drop(opts);
      default:
        throw new UnsupportedError(`collection.${name}`);
    }
  }
  const db = target as Db;
  const { pipeline, command, collection, filter, ...opts } = options;
  switch (name) {
    case 'aggregate':
      return db.aggregate(pipeline as Document[], opts).toArray();
    case 'runCommand':
      return db.command(command as Document, { ...opts, ...(session ? { session } : {}) });
    case 'createCollection':
      return db.createCollection(collection as string, pipeline ? { ...opts, pipeline: pipeline as Document[] } : opts);
    case 'dropCollection':
      return db.dropCollection(collection as string, opts);
    case 'modifyCollection':
      return db.command({ collMod: collection as string, ...opts });
    case 'listCollections':
      return db.listCollections(filter as Document, opts).toArray();
    case 'listCollectionNames':
      return (await db.listCollections(filter as Document, { ...opts, nameOnly: true }).toArray()).map((c) => c.name);
    default:
      throw new UnsupportedError(`database.${name}`);
  }
}

function returnDocument(options: Document): Document {
  const value = options.returnDocument as string | undefined;
  return value ? { ...options, returnDocument: value.toLowerCase() } : options;
}

async function sessionOperation(session: ClientSession, operation: Operation, context: RunContext): Promise<unknown> {
  const args = operation.arguments ?? {};
  switch (operation.name) {
    case 'startTransaction':
      return session.startTransaction((args.options ?? args) as Document);
    case 'commitTransaction':
      return session.commitTransaction();
    case 'abortTransaction':
      return session.abortTransaction();
    case 'endSession':
      return session.endSession();
    case 'withTransaction':
      return session.withTransaction(async () => {
        for (const nested of args.callback as Operation[]) await context.runNested(nested);
      }, withoutCallback(args));
    default:
      throw new UnsupportedError(`session.${operation.name}`);
  }
}

async function runnerOperation(operation: Operation, context: RunContext): Promise<unknown> {
  const args = operation.arguments ?? {};
  const { entities } = context;
  const lastTwo = (clientId: string) => {
    const started = entities.clients.get(clientId)!.events.filter((e) => e.kind === 'commandStartedEvent');
    return started.slice(-2).map((e) => JSON.stringify((e.event as { command: Document }).command.lsid));
  };
  switch (operation.name) {
    case 'failPoint':
    case 'targetedFailPoint': {
      const client =
        operation.name === 'failPoint'
          ? (entities.get(args.client as string) as MongoClient)
          : (entities.session(args.session as string) as unknown as { client: MongoClient }).client;
      await client.db('admin').command(args.failPoint as Document);
      context.failPoints.push({ client, name: (args.failPoint as Document).configureFailPoint as string });
      return undefined;
    }
    case 'createEntities':
      await entities.create(args.entities as Document[]);
      return undefined;
    case 'assertSessionTransactionState': {
      const session = entities.session(args.session as string)! as unknown as { transaction: { state: string } };
      const states: Record<string, string> = {
        NO_TRANSACTION: 'none',
        STARTING_TRANSACTION: 'starting',
        TRANSACTION_IN_PROGRESS: 'in_progress',
        TRANSACTION_COMMITTED: 'committed',
        TRANSACTION_COMMITTED_EMPTY: 'committed',
        TRANSACTION_ABORTED: 'aborted',
      };
      const actual = states[session.transaction.state] ?? session.transaction.state;
      if (actual !== args.state) throw new Error(`transaction state ${actual}, expected ${String(args.state)}`);
      return undefined;
    }
    case 'assertSessionPinned':
      throw new Error('a replica set session is never pinned');
    case 'assertSessionUnpinned':
      return undefined;
    case 'assertSessionDirty':
    case 'assertSessionNotDirty': {
      const session = entities.session(args.session as string) as unknown as { serverSession?: { isDirty: boolean } };
      const isDirty = session.serverSession?.isDirty === true;
      if (isDirty !== (operation.name === 'assertSessionDirty')) throw new Error(`session dirty: ${isDirty}`);
      return undefined;
    }
    case 'assertCollectionExists':
    case 'assertCollectionNotExists': {
      const names = await context.runnerClient
        .db(args.databaseName as string)
        .listCollections({}, { nameOnly: true })
        .toArray();
      const exists = names.some((c) => c.name === args.collectionName);
      if (exists !== (operation.name === 'assertCollectionExists')) throw new Error(`collection exists: ${exists}`);
      return undefined;
    }
    case 'assertIndexExists':
    case 'assertIndexNotExists': {
      const indexes = await context.runnerClient
        .db(args.databaseName as string)
        .collection(args.collectionName as string)
        .listIndexes()
        .toArray()
        .catch(() => []);
      const exists = indexes.some((i) => i.name === args.indexName);
      if (exists !== (operation.name === 'assertIndexExists')) throw new Error(`index exists: ${exists}`);
      return undefined;
    }
    case 'assertSameLsidOnLastTwoCommands':
    case 'assertDifferentLsidOnLastTwoCommands': {
      const [a, b] = lastTwo(args.client as string);
      if ((a === b) !== (operation.name === 'assertSameLsidOnLastTwoCommands')) throw new Error('lsids');
      return undefined;
    }
    default:
      throw new UnsupportedError(`testRunner.${operation.name}`);
  }
}

function withoutCallback(args: Document): Document {
  const { callback: _callback, ...options } = args;
  return options;
}
