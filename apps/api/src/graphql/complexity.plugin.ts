// Bounds the cost of an operation before it executes. Fields declare their cost with
// `@Field({ complexity })` (lists multiply by the requested page size); others cost 1.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode, translate } from '@helpboard/core';

export function complexityPlugin(maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart({ schema }) {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
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
