// graphql-ws runs operations with graphql's execute/subscribe directly (Apollo's plugins do not
// see them), so these wrappers give each WebSocket operation what the HTTP path gets from the
// request middleware and the Apollo plugin: a request context with its id, a span and metrics.
import { execute, type ExecutionArgs, subscribe } from 'graphql';
import { currentRequestContext, runInRequestContext } from '@helpboard/core';
import { endSpan, type Metrics, SpanKind, startChildSpan } from '@helpboard/observability';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { recordOperation } from './observability.plugin.js';
import { operationLabel, selectedOperation } from './operation-label.js';

type Run = (args: ExecutionArgs) => unknown;

function observed(metrics: Metrics, run: Run) {
  return (args: ExecutionArgs) =>
    runInRequestContext('websocket', (args.contextValue as GraphQLContext | undefined)?.requestId, async () => {
      const started = performance.now();
      const definition = selectedOperation(args.document, args.operationName);
      const labels = {
        operation: operationLabel(definition),
        type: definition?.operation ?? 'unknown',
        transport: 'websocket' as const,
      };
      const span = startChildSpan(`graphql.${labels.type} ${labels.operation}`, SpanKind.SERVER, {
        'graphql.operation.type': labels.type,
        'graphql.operation.name': labels.operation,
      });
      currentRequestContext()!.span = span;
      try {
        const result = await run(args);
        const errors =
          result && typeof result === 'object' && 'errors' in result ? (result.errors as never) : undefined;
        recordOperation(metrics, labels, (performance.now() - started) / 1000, errors);
        return result;
      } finally {
        endSpan(span);
      }
    });
}

/** Options for `subscriptions['graphql-ws']`: Nest passes them on to graphql-ws's useServer. */
export function observedWebSocketExecution(metrics: Metrics) {
  return { execute: observed(metrics, execute), subscribe: observed(metrics, subscribe) };
}
