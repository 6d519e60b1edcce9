// A compiled query filter: mingo evaluates it on each document's numeric shadow, so numbers of
// every BSON type compare by value (Long(3) > 2, 3.0 == 3) while the stored documents keep types.
import { type Document } from 'bson';
import { Query } from 'mingo';
import { numericShadow } from '../storage/numbers.js';
import { rewriteFilter } from './bson-rewrites.js';

export interface CompiledFilter {
  test(doc: Document): boolean;
}

export function compileFilter(filter: Document): CompiledFilter {
  const query = new Query(rewriteFilter(numericShadow(filter)));
  return { test: (doc) => query.test(numericShadow(doc)) };
}
