import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/**
 * The label of an operation in metrics and span names: its first root field. Client-chosen
 * operation names would let any caller create new time series; root fields come from the schema
 * (the document is validated before this is read).
 */
export function operationLabel(operation: OperationDefinitionNode | undefined | null): string {
  const field = operation?.selectionSet.selections.find(
    (selection) => selection.kind === Kind.FIELD && selection.name.value !== '__typename',
  );
  return field?.kind === Kind.FIELD ? field.name.value : operation ? '__typename' : '(invalid)';
}

export function selectedOperation(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | undefined {
  return document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
}
