// Validates every GraphQL input and REST body with class-validator and reports the offending
// fields as BAD_USER_INPUT, each with a translatable message.
import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, InvalidInputError } from '@helpboard/core';

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

/** Bounds such as min/max length are read back from the decorator's metadata via its message. */
function constraintParams(error: ValidationError, constraint: string): Record<string, string | number> {
  const numbers = (error.constraints?.[constraint] ?? '').match(/\d+/g)?.map(Number) ?? [];
  return { min: numbers[0] ?? '', max: numbers.at(-1) ?? '' };
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    // GraphQL already rejects unknown fields against the schema; whitelisting here would also
    // strip fields of nested inputs that carry no class-validator decorators.
    whitelist: false,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputError(flatten(errors)),
  });
}
