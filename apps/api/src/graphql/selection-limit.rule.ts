// Bounds how many aliases and top-level fields one operation may use. Aliases let a single small
// request run the same expensive field thousands of times (2,400 aliased `search` fields in one
// POST); no client needs more than a handful.
import { type ASTVisitor, GraphQLError, Kind, type SelectionSetNode, ValidationContext } from 'graphql';
import { translate } from '@helpboard/core';

/** Top-level fields of the operation, counting those reached through fragments once per spread. */
function rootFieldCount(selectionSet: SelectionSetNode, context: ValidationContext, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(selection.selectionSet, context, seen);
    else if (!seen.has(selection.name.value)) {
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += rootFieldCount(fragment.selectionSet, context, new Set(seen).add(selection.name.value));
    }
  }
  return count;
}

export function selectionLimitRule(maxAliases: number, maxRootFields: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias) aliases += 1;
      },
      OperationDefinition(operation) {
        const count = rootFieldCount(operation.selectionSet, context, new Set());
        if (count > maxRootFields) {
          context.reportError(
            new GraphQLError(translate('TOO_MANY_ROOT_FIELDS', 'en', { count, max: maxRootFields }), {
              nodes: [operation],
              extensions: { reason: 'TOO_MANY_ROOT_FIELDS', count, maxRootFields },
            }),
          );
        }
      },
      Document: {
        leave() {
          if (aliases <= maxAliases) return;
          context.reportError(
            new GraphQLError(translate('TOO_MANY_ALIASES', 'en', { count: aliases, max: maxAliases }), {
              extensions: { reason: 'TOO_MANY_ALIASES', count: aliases, maxAliases },
            }),
          );
        },
      },
    };
  };
}
