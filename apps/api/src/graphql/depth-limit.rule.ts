// Rejects operations nested deeper than the limit before they run: a cheap guard against
// queries built to exhaust the server (answers → author → answers → …).
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  ValidationContext,
} from 'graphql';
import { translate } from '@helpboard/core';

function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  visited: Set<string>,
): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD:
        deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, visited));
        break;
      case Kind.INLINE_FRAGMENT:
        deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, visited));
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = fragments[name];
        // A fragment cycle is reported by GraphQL's own rules; don't loop on it here.
        if (fragment && !visited.has(name)) {
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, new Set(visited).add(name)));
        }
        break;
      }
    }
  }
  return deepest;
}

/** The standard introspection query (GraphiQL, codegen) nests type references 15 levels deep. */
export const INTROSPECTION_MAX_DEPTH = 15;

function isIntrospectionOnly(selectionSet: SelectionSetNode): boolean {
  return selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
  );
}

export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const document = context.getDocument();
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    return {
      OperationDefinition(operation) {
        const limit = isIntrospectionOnly(operation.selectionSet) ? INTROSPECTION_MAX_DEPTH : maxDepth;
        const depth = depthOf(operation.selectionSet, fragments, new Set());
        if (depth > limit) {
          context.reportError(
            new GraphQLError(translate('QUERY_TOO_DEEP', 'en', { depth, max: limit }), {
              nodes: [operation],
              extensions: { reason: 'QUERY_TOO_DEEP', depth, maxDepth: limit },
            }),
          );
        }
      },
    };
  };
}
