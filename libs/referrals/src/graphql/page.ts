// Newest-first pages keyed on _id: the cursor is the last id seen.
import { Types } from 'mongoose';
import { decodeCursor, InvalidInputError, pageSize, type PageArgs } from '@helpboard/core';

export function idPage(args: PageArgs): { size: number; before?: Types.ObjectId } {
  const size = pageSize(args.first);
  if (!args.after) return { size };
  const [id] = decodeCursor(args.after, 1);
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id))
    throw new InvalidInputError([{ field: 'after', message: 'INVALID_CURSOR' }], 'INVALID_CURSOR');
  return { size, before: new Types.ObjectId(id) };
}
