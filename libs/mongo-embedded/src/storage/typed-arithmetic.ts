// $inc, $mul, $min and $max on plain paths, computed here with MongoDB's number types (mingo would
// add JS numbers only) and handed on as $set. Paths through arrays or positional operators stay
// with mingo.
import { type Document } from 'bson';
import { MongoCommandError } from '../errors.js';
import { compareValues } from './bson-order.js';
import { arithmetic, numericKind, zeroLike } from './numbers.js';

const UNCHANGED = Symbol('unchanged');

/** The value at a dotted path through plain documents only; `blocked` if an array or scalar is in the way. */
function plainPathValue(doc: Document, path: string): { value?: unknown; blocked: boolean } {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === undefined) return { value: undefined, blocked: false };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { blocked: true };
    if (Object.getPrototypeOf(value) !== Object.prototype) return { blocked: true };
    value = (value as Document)[part];
  }
  return { value, blocked: false };
}

function nextValue(operator: string, current: unknown, amount: unknown, doc: Document): unknown {
  if (operator === '$min' || operator === '$max') {
    if (current === undefined) return amount;
    const order = compareValues(amount, current);
    return (operator === '$min' ? order < 0 : order > 0) ? amount : UNCHANGED;
  }
  if (current === undefined) return operator === '$inc' ? amount : zeroLike(amount);
  const result = arithmetic(operator as '$inc' | '$mul', current, amount);
  if (result === null) {
    throw new MongoCommandError(
      'BadValue',
      `Failed to apply ${operator} operations to current value (${String(current)}) for document {_id: ${JSON.stringify(doc._id)}}: int64 overflow`,
    );
  }
  return result;
}

/** Rewrites the typed-number operators of `modifier` (in place) into $set for `doc`. */
export function applyTypedArithmetic(doc: Document, modifier: Document): void {
  for (const operator of ['$inc', '$mul', '$min', '$max']) {
    const fields = modifier[operator] as Document | undefined;
    if (!fields) continue;
    const left: Document = {};
    for (const [path, amount] of Object.entries(fields)) {
      const { value: current, blocked } = plainPathValue(doc, path);
      const isArithmetic = operator === '$inc' || operator === '$mul';
      const canCompute =
        !path.includes('$') &&
        !blocked &&
        (!isArithmetic || (numericKind(amount) !== null && (current === undefined || numericKind(current) !== null)));
      if (!canCompute) {
        left[path] = amount;
        continue;
      }
      const next = nextValue(operator, current, amount, doc);
      if (next !== UNCHANGED) modifier.$set = { ...((modifier.$set as Document | undefined) ?? {}), [path]: next };
    }
    if (Object.keys(left).length > 0) modifier[operator] = left;
    else delete modifier[operator];
  }
}
