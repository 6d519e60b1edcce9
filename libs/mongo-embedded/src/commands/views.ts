// Views: a collection entry with `viewOn` and `pipeline` options and no documents. Reads of a
// view run its pipeline over what it is defined on (views on views resolve to the base
// collection); writes and indexes are refused as MongoDB refuses them.
import { type Document } from 'bson';
import { MongoCommandError } from '../errors.js';
import { type CommandContext } from './context.js';

/** mongod's limit on views defined on views. */
const MAX_VIEW_DEPTH = 20;

export interface ResolvedNamespace {
  /** The collection that holds the documents. */
  ns: string;
  /** The views' pipelines, outermost last, to run before the command's own stages. */
  pipeline: Document[];
  isView: boolean;
}

export function isView(context: CommandContext, ns: string): boolean {
  return typeof context.store.collection(ns)?.options?.viewOn === 'string';
}

export function resolveNamespace(context: CommandContext, ns: string): ResolvedNamespace {
  let pipeline: Document[] = [];
  let current = ns;
  for (let depth = 0; ; depth++) {
    const options = context.store.collection(current)?.options;
    if (typeof options?.viewOn !== 'string') return { ns: current, pipeline, isView: current !== ns };
    if (depth >= MAX_VIEW_DEPTH)
      throw new MongoCommandError(
        'ViewDepthLimitExceeded',
        `View depth too deep or view cycle detected; maximum depth is ${MAX_VIEW_DEPTH}`,
      );
    pipeline = [...((options.pipeline as Document[]) ?? []), ...pipeline];
    current = `${context.db}.${options.viewOn}`;
  }
}

/** Writes and index builds name a collection, never a view. */
export function assertNotView(context: CommandContext, ns: string): void {
  if (isView(context, ns))
    throw new MongoCommandError('CommandNotSupportedOnView', `Namespace ${ns} is a view, not a collection`);
}
