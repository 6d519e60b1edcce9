// Applying an update to a copy of a document, with MongoDB's validation: a failed update throws
// before anything is stored, so the document stays as it was.
import { type Document, EJSON, ObjectId } from 'bson';
import { Aggregator, update as mingoUpdate } from 'mingo';
import { MongoCommandError } from '../errors.js';
import { numericShadow, restoreNumberTypes } from './numbers.js';
import { applyTypedArithmetic } from './typed-arithmetic.js';
import { canonicalKey, cloneValue, getPath } from './values.js';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$currentDate',
  '$push',
  '$addToSet',
  '$pull',
  '$pullAll',
  '$pop',
  '$bit',
  '$setOnInsert',
]);
const NUMERIC_OPERATORS = ['$inc', '$mul'];

export type UpdateSpec = Document | Document[];

export function isReplacement(update: UpdateSpec): boolean {
  return !Array.isArray(update) && Object.keys(update).every((key) => !key.startsWith('$'));
}

function pathsOf(update: Document): string[] {
  const paths: string[] = [];
  for (const [operator, fields] of Object.entries(update)) {
    for (const [path, value] of Object.entries(fields as Document)) {
      paths.push(path.replace(/\.\$(\[[^\]]*\])?/g, ''));
      if (operator === '$rename') paths.push(String(value));
    }
  }
  return paths;
}

function validateOperators(update: Document): void {
  for (const [operator, fields] of Object.entries(update)) {
    if (!UPDATE_OPERATORS.has(operator)) {
      throw new MongoCommandError(
        'FailedToParse',
        `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
      throw new MongoCommandError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${Array.isArray(fields) ? 'array' : typeof fields} instead.`,
      );
    }
  }
  const paths = pathsOf(update).sort();
  for (let i = 1; i < paths.length; i++) {
    if (paths[i] === paths[i - 1] || paths[i].startsWith(`${paths[i - 1]}.`)) {
      throw new MongoCommandError(
        'ConflictingUpdateOperators',
        `Updating the path '${paths[i]}' would create a conflict at '${paths[i - 1]}'`,
      );
    }
  }
}

function validateNumeric(doc: Document, update: Document): void {
  for (const operator of NUMERIC_OPERATORS) {
    for (const [path, amount] of Object.entries((update[operator] as Document | undefined) ?? {})) {
      if (!isNumeric(amount)) {
        throw new MongoCommandError(
          'TypeMismatch',
          `Cannot increment with non-numeric argument: {${path}: ${JSON.stringify(amount)}}`,
        );
      }
      if (path.includes('$')) continue;
      const current = getPath(doc, path);
      if (current !== undefined && current !== null && !isNumeric(current)) {
        throw new MongoCommandError(
          'TypeMismatch',
          `Cannot apply ${operator} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path}' of non-numeric type ${typeof current}`,
        );
      }
    }
  }
}

function isNumeric(value: unknown): boolean {
  return (
    typeof value === 'number' ||
    (typeof value === 'object' &&
      value !== null &&
      ['Long', 'Double', 'Int32', 'Decimal128'].includes((value as { _bsontype?: string })._bsontype ?? ''))
  );
}

export interface UpdateResult {
  doc: Document;
  isModified: boolean;
}

/** The updated copy of `doc`; `isInsert` applies $setOnInsert (upserts). */
export function applyUpdate(
  original: Document,
  update: UpdateSpec,
  options: { filter?: Document; arrayFilters?: Document[]; isInsert?: boolean; now: Date },
): UpdateResult {
  let doc: Document;
  let isModified: boolean | undefined;
  if (Array.isArray(update)) {
    // Computed on the numeric shadow (mingo's arithmetic), untouched numbers keep their types.
    const [result] = new Aggregator(update).run([cloneValue(numericShadow(original))]) as Document[];
    doc = restoreNumberTypes({ _id: original._id, ...result }, original) as Document;
  } else if (isReplacement(update)) {
    if (
      update._id !== undefined &&
      original._id !== undefined &&
      canonicalKey(update._id) !== canonicalKey(original._id)
    ) {
      throw immutableId();
    }
    doc = { _id: original._id ?? update._id ?? new ObjectId(), ...cloneValue(update) };
  } else {
    validateOperators(update);
    assertIdUntouched(original, update);
    const { $setOnInsert, ...operators } = update;
    const modifier: Document = { ...operators };
    if (options.isInsert && $setOnInsert) modifier.$set = { ...(modifier.$set ?? {}), ...$setOnInsert };
    validateNumeric(original, modifier);
    replaceCurrentDate(modifier, options.now);
    applyTypedArithmetic(original, modifier);
    const plain = setPlainPaths(original, modifier);
    if (plain) ({ doc, isModified } = plain);
    else doc = cloneValue(original);
    if (!plain && Object.keys(modifier).length > 0) {
      try {
        // The filter only serves the positional `$` operator; an upserted document need not match it.
        mingoUpdate(doc, modifier, options.arrayFilters, options.isInsert ? undefined : options.filter, {
          cloneMode: 'deep',
        });
      } catch (error) {
        throw new MongoCommandError('BadValue', error instanceof Error ? error.message : String(error));
      }
    }
    if (original._id !== undefined && canonicalKey(doc._id) !== canonicalKey(original._id)) throw immutableId();
  }
  if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
  return { doc, isModified: isModified ?? canonicalKey(doc) !== canonicalKey(original) };
}

/** Whether every container on the path is a plain document (or missing), so $set/$unset need no mingo. */
function isPlainPath(doc: Document, path: string): boolean {
  const parts = path.split('.');
  if (parts.some((part) => part === '' || part.startsWith('$'))) return false;
  let value: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    value = (value as Document)[part];
    if (value === undefined) return true;
    if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  }
  return true;
}

const exactly = (value: unknown) => EJSON.stringify({ value }, { relaxed: false });

/**
 * $set and $unset of plain paths (what is left of most updates once $inc and friends became $set),
 * applied without mingo: the copy shares untouched parts with the stored document, which is
 * never changed in place. Null when mingo must do it (arrays, positional paths, other operators).
 */
function setPlainPaths(original: Document, modifier: Document): UpdateResult | null {
  const { $set = {}, $unset = {}, ...others } = modifier as { $set?: Document; $unset?: Document };
  if (Object.keys(others).length > 0) return null;
  const paths = [...Object.keys($set), ...Object.keys($unset)];
  if (!paths.every((path) => isPlainPath(original, path))) return null;
  const doc: Document = { ...original };
  let isModified = false;
  const change = (path: string, value: unknown, isUnset: boolean) => {
    const parts = path.split('.');
    let target = doc;
    for (const part of parts.slice(0, -1)) {
      const inner = target[part] as Document | undefined;
      if (inner === undefined && isUnset) return;
      target = target[part] = { ...(inner ?? {}) };
    }
    const last = parts.at(-1)!;
    const previous = target[last];
    if (isUnset) {
      if (previous === undefined) return;
      delete target[last];
      isModified = true;
      return;
    }
    if (previous === undefined || exactly(previous) !== exactly(value)) isModified = true;
    target[last] = cloneValue(value);
  };
  for (const [path, value] of Object.entries($set)) change(path, value, false);
  for (const path of Object.keys($unset)) change(path, undefined, true);
  return { doc: isModified ? doc : original, isModified };
}

/** _id may only be "set" to the value it already has. */
function assertIdUntouched(original: Document, update: Document): void {
  for (const [operator, fields] of Object.entries(update)) {
    if (operator === '$setOnInsert' && original._id === undefined) continue;
    for (const [path, value] of Object.entries(fields as Document)) {
      const isIdPath = path === '_id' || path.startsWith('_id.') || (operator === '$rename' && value === '_id');
      if (!isIdPath) continue;
      const isSameValue = operator === '$set' && path === '_id' && canonicalKey(value) === canonicalKey(original._id);
      if (!isSameValue) throw immutableId();
    }
  }
}

/** $currentDate uses the server's clock, like MongoDB. */
function replaceCurrentDate(modifier: Document, now: Date): void {
  const fields = modifier.$currentDate as Document | undefined;
  if (!fields) return;
  delete modifier.$currentDate;
  modifier.$set = {
    ...(modifier.$set ?? {}),
    ...Object.fromEntries(Object.keys(fields).map((path) => [path, new Date(now)])),
  };
}

function immutableId(): MongoCommandError {
  return new MongoCommandError(
    'ImmutableField',
    `Performing an update on the path '_id' would modify the immutable field '_id'`,
    {},
    [],
  );
}

/** The document an upsert starts from: the filter's equality conditions. */
export function seedFromFilter(filter: Document): Document {
  const seed: Document = {};
  for (const [path, condition] of Object.entries(filter)) {
    if (path.startsWith('$')) {
      if (path === '$and' && Array.isArray(condition))
        for (const part of condition) Object.assign(seed, seedFromFilter(part));
      continue;
    }
    const isOperatorObject =
      condition !== null &&
      typeof condition === 'object' &&
      Object.getPrototypeOf(condition) === Object.prototype &&
      Object.keys(condition).some((k) => k.startsWith('$'));
    const value = isOperatorObject ? ((condition as Document).$eq ?? undefined) : condition;
    if (value === undefined) continue;
    setPath(seed, path, cloneValue(value));
  }
  return seed;
}

function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = doc;
  for (const part of parts.slice(0, -1)) {
    if (target[part] === undefined || target[part] === null || typeof target[part] !== 'object') target[part] = {};
    target = target[part] as Document;
  }
  target[parts.at(-1)!] = value;
}
