// Last line of defence for GraphQL responses: whatever reaches here keeps its code only if it is
// one clients know, and never carries a stack trace or server internals.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, translate } from '@helpboard/core';

/** Codes Apollo assigns before execution (parse, validation, coercion): safe to pass through. */
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'BAD_REQUEST',
]);
const OUR_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * A GraphQL error raised before any resolver ran (no path, no wrapped cause), such as a variable
 * that does not coerce to its type: the request was wrong, not the server.
 */
function isRequestError(error: unknown): boolean {
  return error instanceof GraphQLError && !error.originalError && !error.path;
}

export function formatGraphQLError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
  let code = typeof extensions.code === 'string' ? extensions.code : undefined;
  // Apollo codes these as it parses the HTTP request; graphql-ws passes execute()'s own, code-less errors.
  if ((code === undefined || code === ErrorCode.InternalServerError) && isRequestError(error))
    code = ErrorCode.BadUserInput;
  const isOurs = typeof extensions.reason === 'string' && code !== undefined && OUR_CODES.has(code);
  if (isOurs) return { ...formatted, extensions: { ...extensions, code } };
  if (code && code !== ErrorCode.InternalServerError && (OUR_CODES.has(code) || APOLLO_CLIENT_CODES.has(code))) {
    // Apollo's BAD_REQUEST (malformed HTTP body) is the client's fault: report it as our code.
    const clientCode = code === 'BAD_REQUEST' ? ErrorCode.BadUserInput : code;
    return { ...formatted, extensions: { ...extensions, code: clientCode } };
  }
  return {
    message: translate(ErrorCode.InternalServerError, 'en'),
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.InternalServerError, reason: ErrorCode.InternalServerError },
  };
}
