// explain: the plan a find, count, distinct, delete, update, findAndModify or aggregate would
// use, in MongoDB's queryPlanner shape (IXSCAN with its index name and bounds, FETCH, SORT, LIMIT).
import type { Document } from 'bson';
import { MongoCommandError } from '../errors.js';
import { planQuery, type Plan, type QueryShape } from '../query/planner.js';
import { collationFor, type CommandHandler } from './context.js';
import { describeBounds } from './explain-bounds.js';
import { leadingStages } from './find-documents.js';

interface Explained extends QueryShape {
  collection: string;
  skip?: number;
  /** The collation as the command asks for it (the collection's default applies otherwise). */
  requestedCollation?: unknown;
}

function shapeOf(inner: Document): Explained {
  const [name] = Object.keys(inner);
  const collection = String(inner[name]);
  const limitOf = (limit: unknown, skip: unknown) =>
    limit ? Math.abs(Number(limit)) + Math.max(0, Number(skip ?? 0)) : undefined;
  switch (name) {
    case 'find':
      return {
        collection,
        filter: inner.filter ?? {},
        sort: inner.sort,
        skip: inner.skip,
        limit: limitOf(inner.limit, inner.skip),
        hint: inner.hint,
        requestedCollation: inner.collation,
      };
    case 'count':
    case 'distinct':
      return { collection, filter: inner.query ?? {}, requestedCollation: inner.collation };
    case 'findAndModify':
    case 'findandmodify':
      return { collection, filter: inner.query ?? {}, sort: inner.sort, limit: 1, requestedCollation: inner.collation };
    case 'delete': {
      const statement = (inner.deletes as Document[])?.[0];
      return { collection, filter: statement?.q ?? {}, requestedCollation: statement?.collation };
    }
    case 'update': {
      const statement = (inner.updates as Document[])?.[0];
      return { collection, filter: statement?.q ?? {}, requestedCollation: statement?.collation };
    }
    case 'aggregate': {
      const { filter, sort, limit } = leadingStages((inner.pipeline as Document[]) ?? []);
      return { collection, filter, sort, limit, requestedCollation: inner.collation };
    }
    default:
      throw new MongoCommandError('BadValue', `Explain is not supported for ${name}`);
  }
}

function winningPlan(plan: Plan, shape: Explained): Document {
  let stage: Document;
  if (plan.kind === 'collscan') stage = { stage: 'COLLSCAN', filter: shape.filter, direction: 'forward' };
  else {
    const index =
      plan.kind === 'ids'
        ? { keyPattern: { _id: 1 }, indexName: '_id_', isMultiKey: false, isUnique: true, isSparse: false }
        : {
            keyPattern: plan.index.spec.key,
            indexName: plan.index.name,
            isMultiKey: plan.index.fields.some((_, i) => plan.index.isMultikey(i)),
            isUnique: plan.index.isUnique,
            isSparse: plan.index.isSparse,
          };
    const bounds =
      plan.kind === 'ids'
        ? { _id: plan.bounds }
        : Object.fromEntries(plan.index.fields.map((f, i) => [f, plan.bounds[i]]));
    const scan = {
      stage: 'IXSCAN',
      ...index,
      isPartial: false,
      indexVersion: 2,
      ...(plan.kind === 'ixscan' && plan.index.collation ? { collation: plan.index.collation.spec } : {}),
      direction: plan.kind === 'ixscan' && plan.isBackward ? 'backward' : 'forward',
      indexBounds: describeBounds(bounds, plan.kind === 'ixscan' ? plan.index.directions : [1]),
      keysExamined: plan.kind === 'ixscan' ? plan.estimate : plan.keys.length,
    };
    stage = { stage: 'FETCH', filter: shape.filter, inputStage: scan };
  }
  const isSortedByIndex = plan.kind === 'ixscan' ? plan.providesSort : plan.kind === 'ids' && plan.keys.length <= 1;
  if (shape.sort && Object.keys(shape.sort).length && !isSortedByIndex) {
    stage = {
      stage: 'SORT',
      sortPattern: shape.sort,
      memLimit: 104857600,
      type: 'simple',
      ...(shape.limit ? { limitAmount: shape.limit } : {}),
      inputStage: stage,
    };
  } else if (shape.limit) stage = { stage: 'LIMIT', limitAmount: shape.limit, inputStage: stage };
  if (shape.skip) stage = { stage: 'SKIP', skipAmount: shape.skip, inputStage: stage };
  return stage;
}

export const explainCommands: Record<string, CommandHandler> = {
  explain: (command, context) => {
    const shape = shapeOf(command.explain as Document);
    const ns = `${context.db}.${shape.collection}`;
    const collection = context.store.collection(ns);
    shape.collation = collationFor(context, ns, shape.requestedCollation);
    const plan: Plan = collection ? planQuery(collection, shape) : { kind: 'collscan' };
    return {
      queryPlanner: {
        namespace: ns,
        parsedQuery: shape.filter,
        winningPlan: winningPlan(plan, shape),
        rejectedPlans: [],
      },
      serverInfo: { host: context.server.host, port: context.server.port, version: '7.0.0' },
      ok: 1,
    };
  },
};
