// graphql-ws runs operations itself (Apollo's pipeline never sees them). These hooks put each
// WebSocket operation through the same gate as HTTP (bounded parse, validation rules, cost,
// anonymous budget) before it runs, and through the same error formatting after.
import { type ExecutionArgs, GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import { formatGraphQLError } from './format-error.js';
import type { GraphQLContext } from './graphql-context.js';
import type { OperationGate } from './operation-gate.js';

/** Nest's ws integration gives `extra` as { request, socket }; its type says only `unknown`. */
type ConnectionContext = Context<Record<string, unknown> | undefined, unknown>;
type BuildContext = (input: {
  extra: { request: IncomingMessage };
  connectionParams?: Record<string, unknown>;
}) => GraphQLContext;

/** What reaches a WebSocket client for an error: the HTTP shape, without HTTP's own details. */
function formatForWebSocket(error: GraphQLError): GraphQLFormattedError {
  const { http: _http, ...extensions } = error.extensions ?? {};
  return formatGraphQLError({ ...error.toJSON(), extensions }, error);
}

export function gatedWebSocketOperations(gate: OperationGate, schema: () => GraphQLSchema, buildContext: BuildContext) {
  return {
    async onSubscribe(
      connection: ConnectionContext,
      _id: string,
      payload: SubscribePayload,
    ): Promise<ExecutionArgs | readonly GraphQLError[]> {
      const prepared = gate.prepare(schema(), payload);
      if ('errors' in prepared) return prepared.errors;
      const contextValue = buildContext({
        extra: connection.extra as { request: IncomingMessage },
        connectionParams: connection.connectionParams,
      });
      try {
        await gate.admit(schema(), prepared.document, payload, contextValue);
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      return {
        schema: schema(),
        document: prepared.document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue,
      };
    },
    onNext(
      _connection: ConnectionContext,
      _id: string,
      _payload: SubscribePayload,
      _args: ExecutionArgs,
      result: { errors?: readonly GraphQLError[] },
    ) {
      if (!result.errors) return undefined;
      return { ...result, errors: result.errors.map(formatForWebSocket) };
    },
    onError(_connection: ConnectionContext, _id: string, _payload: SubscribePayload, errors: readonly GraphQLError[]) {
      return errors.map(formatForWebSocket);
    },
  };
}
