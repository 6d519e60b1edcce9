// `let` on find, aggregate, update, delete and findAndModify: user variables referenced as
// `$$name` in `$expr` filters, pipelines and update pipelines. They are constants for the whole
// command, so they are evaluated once and bound in place as literals before anything runs.
import { type Document } from 'bson';
import { Aggregator } from 'mingo';
import { MongoCommandError } from '../errors.js';

export type Variables = Record<string, unknown>;

/** mongod: a user variable starts with a lowercase ASCII letter or a non-ASCII character. */
const USER_VARIABLE = /^([a-z]|[\u0080-\uFFFF])[\w\u0080-\uFFFF]*$/;

/** The command's `let`, each variable's expression evaluated once (undefined when absent). */
export function evaluateLet(raw: unknown): Variables | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new MongoCommandError('TypeMismatch', "BSON field 'let' is the wrong type, expected type 'object'");
  const names = Object.keys(raw);
  for (const name of names)
    if (!USER_VARIABLE.test(name))
      throw new MongoCommandError(
        'FailedToParse',
        `'${name}' starts with an invalid character for a user variable name`,
      );
  if (names.length === 0) return undefined;
  // Expressions over no document ($add of literals, $$NOW…), as mongod evaluates them.
  const [values] = new Aggregator([{ $replaceWith: { $literal: {} } }, { $addFields: raw as Document }]).run([{}]);
  return values as Variables;
}

/** `value` with every `$$name` (or `$$name.path`) of `variables` replaced by its value as a literal. */
export function bindVariables<T>(value: T, variables: Variables | undefined): T {
  if (!variables) return value;
  const bind = (node: unknown): unknown => {
    if (typeof node === 'string' && node.startsWith('$$')) {
      const [name, ...path] = node.slice(2).split('.');
      if (!(name in variables)) return node;
      let bound: unknown = variables[name];
      for (const part of path) bound = (bound as Document | undefined)?.[part];
      return { $literal: bound };
    }
    if (Array.isArray(node)) return node.map(bind);
    if (node === null || typeof node !== 'object' || Object.getPrototypeOf(node) !== Object.prototype) return node;
    const copy: Document = {};
    for (const [key, inner] of Object.entries(node)) copy[key] = key === '$literal' ? inner : bind(inner);
    return copy;
  };
  return bind(value) as T;
}

/** A query filter binds variables in `$expr` only (elsewhere "$$x" is a plain string to match). */
export function bindFilterVariables(filter: Document, variables: Variables | undefined): Document {
  if (!variables) return filter;
  const bound: Document = {};
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$expr') bound[key] = bindVariables(condition, variables);
    else if ((key === '$and' || key === '$or' || key === '$nor') && Array.isArray(condition))
      bound[key] = condition.map((part) => bindFilterVariables(part as Document, variables));
    else bound[key] = condition;
  }
  return bound;
}

/** A pipeline binds variables in its expressions, and in its `$match` filters as a filter does. */
export function bindPipelineVariables(pipeline: Document[], variables: Variables | undefined): Document[] {
  if (!variables) return pipeline;
  return pipeline.map((stage) =>
    '$match' in stage
      ? { $match: bindFilterVariables(stage.$match as Document, variables) }
      : bindVariables(stage, variables),
  );
}
