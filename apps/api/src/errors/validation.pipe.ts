// Validates every GraphQL input and REST body with class-validator and reports the offending
// fields as BAD_USER_INPUT, each with a translatable message.
import { type ArgumentMetadata, type ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { type FieldProblem, InvalidInputError } from '@helpboard/core';

/** class-validator constraint → our message key; unknown constraints fall back to INVALID_VALUE. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  isLength: 'LENGTH_OUT_OF_RANGE',
  maxLength: 'TOO_LONG',
  minLength: 'TOO_SHORT',
  isEmail: 'INVALID_EMAIL',
  isUrl: 'INVALID_URL',
  matches: 'INVALID_FORMAT',
  min: 'TOO_SMALL',
  max: 'TOO_LARGE',
  arrayMinSize: 'TOO_FEW_ITEMS',
  arrayMaxSize: 'TOO_MANY_ITEMS',
  isNotEmpty: 'REQUIRED',
};

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.keys(error.constraints ?? {}).map((constraint) => ({
      field,
      message: CONSTRAINT_MESSAGES[constraint] ?? 'INVALID_VALUE',
      params: constraintParams(error, constraint),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The decorator's arguments (e.g. @Length(2, 80) → min 2, max 80), read from class-validator's metadata. */
function constraintParams(error: ValidationError, constraint: string): Record<string, string | number> {
  const target = error.target?.constructor;
  if (!target) return {};
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name ?? m.type) === constraint);
  const [first, second] = (metadata?.constraints ?? []) as unknown[];
  const number = (value: unknown) => (typeof value === 'number' ? value : '');
  switch (constraint) {
    case 'maxLength':
    case 'max':
    case 'arrayMaxSize':
      return { max: number(first) };
    default:
      return { min: number(first), max: number(second) };
  }
}

/**
 * Validates client input only: GraphQL arguments and REST body/query/params. Without this limit
 * the global pipe would also transform every field resolver's parent object, on every field.
 */
/** @nestjs/graphql's (unexported) GqlParamtype.ARGS. */
const GRAPHQL_ARGS = 3;

class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type: unknown = metadata.type;
    const isClientInput = type === GRAPHQL_ARGS || type === 'body' || type === 'query' || type === 'param';
    if (!isClientInput) return value;
    // Paths are relative to the input object, as class-validator reports them.
    const malformed = malformedStrings(value, typeof value === 'string' ? (metadata.data ?? '') : '');
    if (malformed.length > 0)
      throw new InvalidInputError(malformed.map((field) => ({ field, message: 'INVALID_VALUE' })));
    return super.transform(value, metadata);
  }
}

/**
 * Paths of strings that are not well-formed Unicode (lone surrogates) or contain NUL: no user text
 * needs them, and some validators throw on them instead of rejecting.
 */
function malformedStrings(value: unknown, path: string, depth = 0): string[] {
  if (typeof value === 'string') return value.isWellFormed() && !value.includes('\u0000') ? [] : [path];
  if (depth > 8 || value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    malformedStrings(inner, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key, depth + 1),
  );
}

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    transform: true,
    // GraphQL already rejects unknown fields against the schema; whitelisting here would also
    // strip fields of nested inputs that carry no class-validator decorators.
    whitelist: false,
    forbidUnknownValues: false,
    // The target is kept (never sent to clients) to read the failed decorator's arguments.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new InvalidInputError(flatten(errors)),
  });
}
