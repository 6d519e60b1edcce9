// Per-operation metrics and a span for every GraphQL operation over HTTP: latency by root field,
// errors by extensions.code (read after formatError, so only codes clients see), and the database
// round trips the operation caused (counted in the request context by the command monitor).
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { currentRequestContext } from '@helpboard/core';
import { endSpan, type Metrics, SpanKind, startChildSpan } from '@helpboard/observability';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { operationLabel } from './operation-label.js';

export function recordOperation(
  metrics: Metrics,
  labels: { operation: string; type: string; transport: 'http' | 'websocket' },
  seconds: number,
  errors: readonly GraphQLFormattedError[] | undefined,
): void {
  metrics.graphqlDuration.observe(labels, seconds);
  metrics.dbCommandsPerRequest.observe({ operation: labels.operation }, currentRequestContext()?.dbCommands ?? 0);
  for (const error of errors ?? []) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN';
    metrics.graphqlErrors.inc({ operation: labels.operation, code });
  }
}

export function observabilityPlugin(metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      const span = startChildSpan('graphql', SpanKind.SERVER, {});
      const request = currentRequestContext();
      if (request) request.span = span;
      let operation = '(invalid)';
      let type = 'unknown';
      return {
        async didResolveOperation(context) {
          operation = operationLabel(context.operation);
          type = context.operation?.operation ?? 'unknown';
          span.updateName(`graphql.${type} ${operation}`);
          span.setAttributes({ 'graphql.operation.type': type, 'graphql.operation.name': operation });
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          recordOperation(
            metrics,
            { operation, type, transport: 'http' },
            (performance.now() - started) / 1000,
            errors,
          );
          if (errors?.length)
            span.setAttribute('graphql.error.codes', errors.map((e) => String(e.extensions?.code)).join(','));
          endSpan(span);
        },
      };
    },
  };
}
