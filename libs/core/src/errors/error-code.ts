/** The codes every client can branch on (`extensions.code`), as promised in ARCHITECTURE.md. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  PreconditionFailed = 'PRECONDITION_FAILED',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

/** HTTP status for REST endpoints answering the same error. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BadUserInput:
      return 400;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
      return 409;
    case ErrorCode.PreconditionFailed:
      return 412;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.InternalServerError:
      return 500;
  }
}
