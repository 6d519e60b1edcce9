import { ArgsType, Field, Int } from '@nestjs/graphql';
import { InvalidInputError } from '../errors/domain-error.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items to return (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (from `pageInfo.endCursor`).' })
  after?: string | null;
}

/** The page size a client asked for, bounded; out-of-range sizes are rejected, not silently clamped. */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InvalidInputError([{ field, message: 'PAGE_SIZE_OUT_OF_RANGE', params: { min: 1, max: MAX_PAGE_SIZE } }]);
  }
  return first;
}
