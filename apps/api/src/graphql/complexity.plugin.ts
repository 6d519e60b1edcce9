// Bounds the cost of an operation before it executes. Fields declare their cost with
// `@Field({ complexity })` (lists multiply by the requested page size); others cost 1.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode, translate } from '@helpboard/core';

/** Costs of recently seen (query, variables) pairs: clients repeat the same few operations. */
const COST_CACHE_SIZE = 1_000;
/** Only ordinary-sized operations are remembered, so the cache stays small (~10 MB at most). */
const MAX_CACHED_KEY_LENGTH = 10_000;
/**
 * No input type nests anywhere near this deep. Deeper variables are refused before anything
 * recurses over them: a body of a few kilobytes nested thousands deep overflowed the stack of
 * JSON.stringify below (found by tests/fuzz).
 */
export const MAX_VARIABLES_DEPTH = 32;

/** Whether `value` nests deeper than `max` arrays/objects; iterative, so any depth is safe to check. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

function badInput(reason: string, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BadUserInput, reason, ...extensions, http: { status: 400 } },
  });
}

export function complexityPlugin(maxComplexity: number): ApolloServerPlugin {
  const costs = new Map<string, number>();
  return {
    async requestDidStart({ schema }) {
      return {
        async didResolveOperation({ request, document }) {
          // The variables object itself is level 0; its values start at level 1.
          if (nestsDeeperThan(request.variables ?? {}, MAX_VARIABLES_DEPTH + 1))
            throw badInput(
              'VARIABLES_TOO_DEEP',
              translate('VARIABLES_TOO_DEEP', 'en', { max: MAX_VARIABLES_DEPTH }),
              {},
            );
          const cacheKey = `${request.operationName ?? ''}\u0000${request.query ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let cost = costs.get(cacheKey);
          if (cost === undefined) {
            try {
              cost = getComplexity({
                schema,
                operationName: request.operationName ?? undefined,
                query: document,
                variables: request.variables ?? {},
                estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch {
              // Variables that do not coerce: execution reports them as BAD_USER_INPUT (HTTP 400).
              return;
            }
            if (cacheKey.length <= MAX_CACHED_KEY_LENGTH) {
              if (costs.size >= COST_CACHE_SIZE) costs.delete(costs.keys().next().value!);
              costs.set(cacheKey, cost);
            }
          }
          if (cost > maxComplexity) {
            throw badInput('QUERY_TOO_COMPLEX', translate('QUERY_TOO_COMPLEX', 'en', { cost, max: maxComplexity }), {
              cost,
              maxComplexity,
            });
          }
        },
      };
    },
  };
}
