import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { type AppConfig, type Clock, type PublicQueryCache, type RateLimitStore } from '@helpboard/core';
import type { Metrics } from '@helpboard/observability';
import { observabilityPlugin } from '../observability/observability.plugin.js';
import { observedWebSocketExecution } from '../observability/websocket-execution.js';
import { AnonymousCostBudget } from './anonymous-cost-budget.js';
import { formatGraphQLError } from './format-error.js';
import { graphqlContextBuilder } from './graphql-context.js';
import { OperationGate } from './operation-gate.js';
import { operationGatePlugin } from './operation-gate.plugin.js';
import { publicQueryCachePlugin } from './public-query-cache.plugin.js';
import { gatedWebSocketOperations } from './websocket-operations.js';
import { graphiqlPagePlugin } from './graphiql/graphiql-page.plugin.js';

export interface GraphQLDependencies {
  cache: PublicQueryCache;
  metrics: Metrics;
  rateLimits: RateLimitStore;
  clock: Clock;
}

export function graphqlOptions(config: AppConfig, dependencies: GraphQLDependencies): ApolloDriverConfig {
  const { cache, metrics, rateLimits, clock } = dependencies;
  const gate = new OperationGate(new AnonymousCostBudget(rateLimits, clock, config.anonymousQueryCostPerMinute));
  const buildContext = graphqlContextBuilder(config.trustProxy);
  let servedSchema: GraphQLSchema | undefined;
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
      'graphql-ws': {
        path: '/graphql',
        ...observedWebSocketExecution(metrics),
        ...gatedWebSocketOperations(gate, () => servedSchema!, buildContext),
      },
    },
    context: buildContext,
    // One gate for both transports: the same parse bound and rules here, the same pricing in the plugin.
    parseOptions: gate.parseOptions,
    validationRules: gate.validationRules,
    // Domain errors thrown by field resolvers reach clients with their codes, as root fields' do.
    fieldResolverEnhancers: ['filters'],
    plugins: [
      observabilityPlugin(metrics),
      operationGatePlugin(gate, (schema) => (servedSchema = schema)),
      publicQueryCachePlugin(cache),
      // No field declares cache hints (anonymous responses are cached by publicQueryCachePlugin);
      // Apollo's hint collection otherwise runs on every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      ...(config.isProduction ? [] : [graphiqlPagePlugin('/graphql')]),
    ],
    formatError: formatGraphQLError,
    stopOnTerminationSignals: false,
  };
}
