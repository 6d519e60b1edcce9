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

export function complexityPlugin(maxComplexity: number): ApolloServerPlugin {
  const costs = new Map<string, number>();
  return {
    async requestDidStart({ schema }) {
      return {
        async didResolveOperation({ request, document }) {
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
            throw new GraphQLError(translate('QUERY_TOO_COMPLEX', 'en', { cost, max: maxComplexity }), {
              extensions: {
                code: ErrorCode.BadUserInput,
                reason: 'QUERY_TOO_COMPLEX',
                cost,
                maxComplexity,
                http: { status: 400 },
              },
            });
          }
        },
      };
    },
  };
}
