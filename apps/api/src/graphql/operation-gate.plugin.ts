// The HTTP side of the operation gate: Apollo parses and validates with the gate's bound and rules
// (see graphql-options.ts); this plugin prices each operation and spends the anonymous budget.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { GraphQLContext } from './graphql-context.js';
import type { OperationGate } from './operation-gate.js';

/** `onSchema` hands the served schema to the WebSocket side, which graphql-ws does not tell its hooks. */
export function operationGatePlugin(
  gate: OperationGate,
  onSchema: (schema: GraphQLSchema) => void,
): ApolloServerPlugin<GraphQLContext> {
  return {
    async serverWillStart({ schema }) {
      onSchema(schema);
    },
    async requestDidStart({ schema }) {
      return {
        async didResolveOperation({ request, document, contextValue }) {
          await gate.admit(schema, document, request, contextValue);
        },
      };
    },
  };
}
