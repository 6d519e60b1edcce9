import { Types } from 'mongoose';
import { NotFoundError } from '@helpboard/core';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** An API id as an ObjectId, or null when it cannot be one (12-byte strings are not ids here). */
export function objectIdOrNull(id: string | null | undefined): Types.ObjectId | null {
  return id && OBJECT_ID.test(id) ? new Types.ObjectId(id) : null;
}

export function requireObjectId(id: string, entity: string, reason: string): Types.ObjectId {
  const parsed = objectIdOrNull(id);
  if (!parsed) throw new NotFoundError(entity, reason);
  return parsed;
}
