// explain: which plan a find, count, distinct, delete, update or aggregate would use.
import type { Document } from 'bson';
import { MongoCommandError } from '../errors.js';
import type { CommandHandler } from './context.js';

function filterOf(inner: Document): { collection: string; filter: Document } {
  const [name] = Object.keys(inner);
  const collection = String(inner[name]);
  switch (name) {
    case 'find':
      return { collection, filter: inner.filter ?? {} };
    case 'count':
    case 'distinct':
      return { collection, filter: inner.query ?? {} };
    case 'findAndModify':
    case 'findandmodify':
      return { collection, filter: inner.query ?? {} };
    case 'delete':
      return { collection, filter: (inner.deletes as Document[])?.[0]?.q ?? {} };
    case 'update':
      return { collection, filter: (inner.updates as Document[])?.[0]?.q ?? {} };
    case 'aggregate': {
      const first = (inner.pipeline as Document[])?.[0];
      return { collection, filter: first && '$match' in first ? (first.$match as Document) : {} };
    }
    default:
      throw new MongoCommandError('BadValue', `Explain is not supported for ${name}`);
  }
}

export const explainCommands: Record<string, CommandHandler> = {
  explain: (command, context) => {
    const inner = command.explain as Document;
    const { collection, filter } = filterOf(inner);
    const ns = `${context.db}.${collection}`;
    const plan = context.store.collection(ns)?.plan(filter) ?? { indexName: null, keys: null };
    const scan = plan.indexName
      ? { stage: 'IXSCAN', indexName: plan.indexName, keyPattern: plan.keyPattern, keysExamined: plan.keys?.size ?? 0 }
      : { stage: 'COLLSCAN', filter };
    return {
      queryPlanner: {
        namespace: ns,
        parsedQuery: filter,
        winningPlan: plan.indexName ? { stage: 'FETCH', filter, inputStage: scan } : scan,
        rejectedPlans: [],
      },
      serverInfo: { host: context.server.host, port: context.server.port, version: '7.0.0' },
      ok: 1,
    };
  },
};
