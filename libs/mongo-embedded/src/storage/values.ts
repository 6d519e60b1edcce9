// Value helpers: canonical keys for equality (indexes, _id), deep cloning, dotted paths.
import { Binary, Decimal128, type Document, Double, EJSON, Int32, Long, ObjectId } from 'bson';
import { exactNumberKey } from './exact-numbers.js';

/**
 * A string equal for values MongoDB considers equal in an index: numbers compare by exact value
 * whatever their type (1, 1.0, Long(1) and Decimal128("1.0") are one key, Decimal128("0.1") and
 * 0.1 are not), everything else by type and content.
 */
export function canonicalKey(value: unknown): string {
  if (value === undefined || value === null) return 'z';
  if (typeof value === 'number') return numberKey(value);
  if (value instanceof Double || value instanceof Int32) return numberKey(value.value);
  if (value instanceof Long || value instanceof Decimal128) return `n:${exactNumberKey(value)}`;
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (value instanceof ObjectId) return `o:${value.toHexString()}`;
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (value instanceof Binary) return `x:${value.sub_type}:${Buffer.from(value.buffer).toString('base64')}`;
  if (Array.isArray(value)) return `a:[${value.map(canonicalKey).join(',')}]`;
  return `e:${EJSON.stringify(value as Document, { relaxed: false })}`;
}

/** A double's key: as JS prints it, but exact digits beyond 2^53 (where an int64 may equal it). */
function numberKey(value: number): string {
  return Math.abs(value) > Number.MAX_SAFE_INTEGER ? `n:${exactNumberKey(value)}` : `n:${value}`;
}

export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  // BSON value classes (ObjectId, Long, Binary, Decimal128, …) are immutable in practice.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) copy[key] = cloneValue(inner);
  return copy as T;
}

/** Values at a dotted path, descending into arrays as MongoDB does for queries and indexes. */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const walk = (value: unknown, index: number): unknown[] => {
    if (index === parts.length) return [value];
    if (Array.isArray(value)) {
      const key = parts[index];
      if (/^\d+$/.test(key)) return walk(value[Number(key)], index + 1);
      return value.flatMap((item) => (item !== null && typeof item === 'object' ? walk(item, index) : []));
    }
    if (value === null || typeof value !== 'object') return [undefined];
    return walk((value as Record<string, unknown>)[parts[index]], index + 1);
  };
  return walk(doc, 0);
}

export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
