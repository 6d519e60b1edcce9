// Serves anonymous readers' queries from the PublicQueryCache when every root field of the
// operation has opted in (see libs/core/src/cache/public-query-cache.ts). Signed-in callers
// always get a fresh response: theirs carries their own votes and permissions.
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type OperationDefinitionNode, Kind, valueFromASTUntyped } from 'graphql';
import type { PublicQueryCache } from '@helpboard/core';
import type { GraphQLContext } from './graphql-context.js';

interface RootField {
  name: string;
  args: Record<string, unknown>;
}

/** The operation's root fields with their arguments, or null when it uses fragments at the root. */
function rootFields(operation: OperationDefinitionNode, variables: Record<string, unknown>): RootField[] | null {
  const fields: RootField[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return null;
    if (selection.name.value === '__typename') continue;
    const args: Record<string, unknown> = {};
    for (const arg of selection.arguments ?? []) args[arg.name.value] = valueFromASTUntyped(arg.value, variables);
    fields.push({ name: selection.name.value, args });
  }
  return fields;
}

export function publicQueryCachePlugin(cache: PublicQueryCache): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let pending: { key: string; tags: string[]; generation: number } | undefined;
      return {
        async responseForOperation({ request, operation, contextValue, queryHash }) {
          if (operation.operation !== 'query' || contextValue.req.headers.authorization) return null;
          const variables = request.variables ?? {};
          const fields = rootFields(operation, variables);
          if (!fields?.length) return null;
          const rules = fields.map((field) => cache.ruleFor(field.name));
          if (rules.some((rule) => !rule)) return null;
          const key = [contextValue.locale, queryHash, request.operationName ?? '', JSON.stringify(variables)].join(
            '\u0000',
          );
          const hit = cache.get(key);
          if (hit === undefined) {
            const tags = fields.flatMap((field, i) => rules[i]!.tags(field.args));
            pending = { key, tags, generation: cache.generation };
            return null;
          }
          fields.forEach((field, i) => rules[i]!.onHit?.(field.args, contextValue));
          return {
            body: { kind: 'single', singleResult: hit as { data?: Record<string, unknown> } },
            http: { headers: new HeaderMap(), status: undefined },
          };
        },
        async willSendResponse({ response }) {
          if (!pending || response.body.kind !== 'single' || response.body.singleResult.errors) return;
          cache.set(pending.key, pending.tags, response.body.singleResult, pending.generation);
        },
      };
    },
  };
}
