// insert, update, delete and findAndModify, with MongoDB's result shapes and write errors.
import { type Document, ObjectId } from 'bson';
import { Query } from 'mingo';
import { MongoCommandError } from '../errors.js';
import { collateFilter, type Collation } from '../query/collation.js';
import { compileFilter } from '../query/filter.js';
import { bindFilterVariables, bindVariables, evaluateLet, type Variables } from '../query/variables.js';
import { applyUpdate, seedFromFilter, type UpdateSpec } from '../storage/apply-update.js';
import { Collection } from '../storage/collection.js';
import { cloneValue } from '../storage/values.js';
import { assertCollatedUnique } from './collated-unique.js';
import { assertNotView } from './views.js';
import { collationFor, type CommandContext, type CommandHandler } from './context.js';
import { findDocuments } from './find-documents.js';

function writeError(index: number, error: unknown): Document {
  if (error instanceof MongoCommandError)
    return { index, code: error.code, codeName: error.codeName, errmsg: error.message, ...error.extra };
  throw error;
}

function withId(doc: Document): Document {
  if (doc._id !== undefined) return cloneValue(doc);
  return { _id: new ObjectId(), ...cloneValue(doc) };
}

/** An _id may be a document, but not one with $-prefixed fields (mongod: not valid for storage). */
function assertStorableId(doc: Document): void {
  const id = doc._id as unknown;
  if (id === null || typeof id !== 'object' || Object.getPrototypeOf(id) !== Object.prototype) return;
  const dollar = Object.keys(id).find((field) => field.startsWith('$'));
  if (dollar)
    throw new MongoCommandError(
      'DollarPrefixedFieldName',
      `_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`,
    );
}

/** Transactions fail as a whole: the error is the command's, not a per-document write error. */
function isInTransaction(context: CommandContext): boolean {
  return context.view.transaction !== undefined;
}

const insert: CommandHandler = async (command, context) => {
  const ns = `${context.db}.${command.insert}`;
  assertNotView(context, ns);
  const documents = (command.documents as Document[]) ?? [];
  const isOrdered = command.ordered !== false;
  const writeErrors: Document[] = [];
  const docs = documents.map(withId);
  // Outside transactions a batch is one write of the store when no document fails (and no
  // collated unique index needs the per-document check below).
  const hasCollatedUnique = [...(context.store.collection(ns)?.indexes.values() ?? [])].some(
    (index) => index.isUnique && index.spec.collation,
  );
  const isStorable = (doc: Document) => {
    try {
      assertStorableId(doc);
      return true;
    } catch {
      return false;
    }
  };
  if (docs.length > 1 && context.view.insertAll && !hasCollatedUnique && docs.every(isStorable)) {
    for (const doc of docs) await context.view.prepareWrite(ns, Collection.keyOf(doc));
    if (context.view.insertAll(ns, docs)) return { n: docs.length, ok: 1 };
  }
  let n = 0;
  for (const [index, doc] of docs.entries()) {
    try {
      assertStorableId(doc);
      await context.view.prepareWrite(ns, Collection.keyOf(doc));
      assertCollatedUnique(context, ns, Collection.keyOf(doc), doc);
      context.view.insert(ns, doc);
      n++;
    } catch (error) {
      if (isInTransaction(context)) throw error;
      writeErrors.push(writeError(index, error));
      if (isOrdered) break;
    }
  }
  return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
};

interface UpdateStatement {
  q: Document;
  u: UpdateSpec;
  upsert?: boolean;
  multi?: boolean;
  arrayFilters?: Document[];
  collation?: Document;
}

/** A write's filter: compiled with its collation and variables, and the part indexes may bound. */
/**
 * The documents a statement targets, planned with its collation (a collated index may bound it),
 * and the filter they pass (strings compared by the collation).
 */
function statementTargets(
  context: CommandContext,
  ns: string,
  filter: Document,
  collation: Collation | undefined,
  variables: Variables | undefined,
) {
  const bound = bindFilterVariables(filter, variables);
  const compiled = compileFilter(collation ? collateFilter(bound, collation) : bound);
  return { matches: context.view.query(ns, { filter: bound, collation }, compiled).matches, compiled };
}

/** Applies one update statement; returns matched/modified counts and the upserted id. */
async function runUpdate(
  context: CommandContext,
  ns: string,
  statement: UpdateStatement,
  variables: Variables | undefined,
  sort?: Document,
) {
  const collation = collationFor(context, ns, statement.collation);
  const filter = bindFilterVariables(statement.q ?? {}, variables);
  statement = { ...statement, u: Array.isArray(statement.u) ? bindVariables(statement.u, variables) : statement.u };
  const { matches, compiled } = statementTargets(context, ns, statement.q ?? {}, collation, variables);
  let targets = matches;
  if (sort && Object.keys(sort).length && targets.length > 1) {
    const order = findDocuments(context.view, ns, filter, { sort, projection: { _id: 1 }, collation }).map((d) =>
      Collection.keyOf(d),
    );
    targets = order.map((key) => targets.find((t) => t.key === key)!);
  }
  if (!statement.multi) targets = targets.slice(0, 1);
  let matched = 0;
  let modified = 0;
  const changed: Document[] = [];
  const originals: Document[] = [];
  for (const target of targets) {
    await context.view.prepareWrite(ns, target.key);
    // Re-read after waiting: a transaction may have changed or removed it meanwhile.
    const current = context.view.get(ns, target.key);
    if (!current || !compiled.test(current)) continue;
    matched++;
    const { doc, isModified } = applyUpdate(current, statement.u, {
      filter,
      arrayFilters: statement.arrayFilters,
      now: context.now,
    });
    // Stored documents are never changed in place: the one read is the original (findAndModify copies it).
    originals.push(current);
    if (isModified) {
      assertCollatedUnique(context, ns, target.key, doc);
      context.view.replace(ns, target.key, doc);
      modified++;
    }
    changed.push(doc);
  }
  if (matched === 0 && statement.upsert) {
    const { doc } = applyUpdate(seedFromFilter(filter), statement.u, {
      filter,
      arrayFilters: statement.arrayFilters,
      isInsert: true,
      now: context.now,
    });
    await context.view.prepareWrite(ns, Collection.keyOf(doc));
    assertCollatedUnique(context, ns, Collection.keyOf(doc), doc);
    context.view.insert(ns, doc);
    return { matched: 0, modified: 0, upsertedId: doc._id, changed: [doc], originals: [] };
  }
  return { matched, modified, upsertedId: undefined, changed, originals };
}

const update: CommandHandler = async (command, context) => {
  const ns = `${context.db}.${command.update}`;
  assertNotView(context, ns);
  // MongoDB 7.0 has no sort on update statements (8.0 added it); its parser rejects the field.
  if (((command.updates as Document[]) ?? []).some((statement) => statement.sort !== undefined))
    throw new MongoCommandError('Location40415', "BSON field 'update.updates.sort' is an unknown field.");
  const isOrdered = command.ordered !== false;
  const writeErrors: Document[] = [];
  const upserted: Document[] = [];
  let n = 0;
  let nModified = 0;
  const variables = evaluateLet(command.let);
  for (const [index, statement] of ((command.updates as UpdateStatement[]) ?? []).entries()) {
    try {
      const result = await runUpdate(context, ns, statement, variables);
      n += result.matched + (result.upsertedId !== undefined ? 1 : 0);
      nModified += result.modified;
      if (result.upsertedId !== undefined) upserted.push({ index, _id: result.upsertedId });
    } catch (error) {
      if (isInTransaction(context)) throw error;
      writeErrors.push(writeError(index, error));
      if (isOrdered) break;
    }
  }
  return {
    n,
    nModified,
    ...(upserted.length ? { upserted } : {}),
    ...(writeErrors.length ? { writeErrors } : {}),
    ok: 1,
  };
};

const remove: CommandHandler = async (command, context) => {
  const ns = `${context.db}.${command.delete}`;
  assertNotView(context, ns);
  let n = 0;
  const variables = evaluateLet(command.let);
  for (const statement of (command.deletes as { q: Document; limit: number; collation?: Document }[]) ?? []) {
    const collation = collationFor(context, ns, statement.collation);
    let targets = statementTargets(context, ns, statement.q ?? {}, collation, variables).matches;
    if (statement.limit === 1) targets = targets.slice(0, 1);
    for (const target of targets) {
      await context.view.prepareWrite(ns, target.key);
      if (!context.view.get(ns, target.key)) continue;
      context.view.delete(ns, target.key);
      n++;
    }
  }
  return { n, ok: 1 };
};

const findAndModify: CommandHandler = async (command, context) => {
  const collectionName = command.findAndModify ?? command.findandmodify;
  const ns = `${context.db}.${collectionName}`;
  assertNotView(context, ns);
  const variables = evaluateLet(command.let);
  const collation = collationFor(context, ns, command.collation);
  const filter = (command.query as Document) ?? {};
  const projection = command.fields as Document | undefined;
  const project = (doc: Document | null) =>
    doc && projection && Object.keys(projection).length
      ? new Query({}).find<Document>([doc], projection).all()[0]
      : doc;

  if (command.remove) {
    const [target] = findDocuments(context.view, ns, bindFilterVariables(filter, variables), {
      sort: command.sort,
      limit: 1,
      collation,
    });
    if (!target) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    const key = Collection.keyOf(target);
    await context.view.prepareWrite(ns, key);
    context.view.delete(ns, key);
    return { lastErrorObject: { n: 1 }, value: project(target), ok: 1 };
  }
  const result = await runUpdate(
    context,
    ns,
    {
      q: filter,
      u: command.update,
      upsert: command.upsert === true,
      multi: false,
      arrayFilters: command.arrayFilters,
      collation: command.collation,
    },
    variables,
    command.sort,
  );
  const isUpsert = result.upsertedId !== undefined;
  const value = command.new ? (result.changed[0] ?? null) : (result.originals[0] ?? null);
  return {
    lastErrorObject: {
      n: result.matched + (isUpsert ? 1 : 0),
      updatedExisting: result.matched > 0,
      ...(isUpsert ? { upserted: result.upsertedId } : {}),
    },
    value: project(value ? cloneValue(value) : null),
    ok: 1,
  };
};

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
  findAndModify,
  findandmodify: findAndModify,
};
