import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { type AppConfig, type PublicQueryCache } from '@helpboard/core';
import type { Metrics } from '@helpboard/observability';
import { observabilityPlugin } from '../observability/observability.plugin.js';
import { observedWebSocketExecution } from '../observability/websocket-execution.js';
import { complexityPlugin } from './complexity.plugin.js';
import { depthLimitRule } from './depth-limit.rule.js';
import { formatGraphQLError } from './format-error.js';
import { publicQueryCachePlugin } from './public-query-cache.plugin.js';
import { buildGraphQLContext } from './graphql-context.js';
import { graphiqlPagePlugin } from './graphiql/graphiql-page.plugin.js';

/** Deep enough for a thread page with its answers, comments and author cards; no deeper. */
export const MAX_QUERY_DEPTH = 10;
/** Roughly a thread page with 100 answers and their comments; lists multiply by page size. */
export const MAX_QUERY_COMPLEXITY = 5_000;

export function graphqlOptions(config: AppConfig, cache: PublicQueryCache, metrics: Metrics): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // GraphiQL for people exploring a dev instance, from our own files (Nest's built-in one loads
    // from a CDN); production serves only the API.
    graphiql: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    subscriptions: {
      'graphql-ws': { path: '/graphql', ...observedWebSocketExecution(metrics) },
    },
    context: buildGraphQLContext,
    validationRules: [depthLimitRule(MAX_QUERY_DEPTH)],
    plugins: [
      observabilityPlugin(metrics),
      complexityPlugin(MAX_QUERY_COMPLEXITY),
      publicQueryCachePlugin(cache),
      ...(config.isProduction ? [] : [graphiqlPagePlugin('/graphql')]),
    ],
    formatError: formatGraphQLError,
    stopOnTerminationSignals: false,
  };
}
