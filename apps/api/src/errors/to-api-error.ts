// The one place where anything thrown becomes what a client sees: a code from ARCHITECTURE.md,
// a stable reason, a translated message and, for bad input, the offending fields. Nothing else
// (stack, driver message, class names) leaves the server.
import { HttpException, HttpStatus } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode, type Locale, translate } from '@helpboard/core';

export interface ApiError {
  code: ErrorCode;
  reason: string;
  message: string;
  fields?: { field: string; message: string }[];
  retryAfterSeconds?: number;
  details?: Record<string, string | number>;
  /** True when the cause is a bug or an outage: logged with its stack, hidden from the client. */
  isUnexpected: boolean;
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case HttpStatus.BAD_REQUEST:
    case HttpStatus.UNPROCESSABLE_ENTITY:
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return ErrorCode.BadUserInput;
    case HttpStatus.UNAUTHORIZED:
      return ErrorCode.Unauthenticated;
    case HttpStatus.FORBIDDEN:
      return ErrorCode.Forbidden;
    case HttpStatus.NOT_FOUND:
      return ErrorCode.NotFound;
    case HttpStatus.CONFLICT:
      return ErrorCode.Conflict;
    case HttpStatus.PRECONDITION_FAILED:
      return ErrorCode.PreconditionFailed;
    case HttpStatus.TOO_MANY_REQUESTS:
      return ErrorCode.RateLimited;
    default:
      return ErrorCode.InternalServerError;
  }
}

export function toApiError(error: unknown, locale: Locale): ApiError {
  if (error instanceof DomainError) {
    return {
      code: error.code,
      reason: error.reason,
      message: translate(error.messageKey, locale, error.params),
      fields: error.fields.length
        ? error.fields.map((f) => ({ field: f.field, message: translate(f.message, locale, f.params) }))
        : undefined,
      retryAfterSeconds: error.retryAfterSeconds,
      details: error.details,
      isUnexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const code = codeForStatus(error.getStatus());
    // Nest's own 404 means no route matched: there is no entity to name.
    const reason = code === ErrorCode.NotFound ? 'ROUTE_NOT_FOUND' : code;
    return {
      code,
      reason,
      message: translate(reason, locale),
      isUnexpected: code === ErrorCode.InternalServerError,
    };
  }
  return {
    code: ErrorCode.InternalServerError,
    reason: ErrorCode.InternalServerError,
    message: translate(ErrorCode.InternalServerError, locale),
    isUnexpected: true,
  };
}

export function toGraphQLError(apiError: ApiError): GraphQLError {
  return new GraphQLError(apiError.message, {
    extensions: {
      code: apiError.code,
      reason: apiError.reason,
      ...(apiError.fields ? { fields: apiError.fields } : {}),
      ...(apiError.retryAfterSeconds !== undefined ? { retryAfterSeconds: apiError.retryAfterSeconds } : {}),
      ...(apiError.details ? { details: apiError.details } : {}),
    },
  });
}
