// Errors thrown by services. They carry a client-facing code, a stable machine-readable reason
// and a message key; the API layer maps and translates them in one place.
import { ErrorCode } from './error-code.js';

export interface FieldProblem {
  /** Dotted path of the offending input field, e.g. `input.title`. */
  field: string;
  /** Message key (see i18n/messages), with its parameters. */
  message: string;
  params?: Record<string, string | number>;
}

export interface DomainErrorOptions {
  /** Stable machine-readable cause, e.g. `VOTE_LOCKED`. Defaults to the code. */
  reason?: string;
  /** Message key in the catalogue; defaults to the reason. */
  messageKey?: string;
  params?: Record<string, string | number>;
  fields?: FieldProblem[];
  retryAfterSeconds?: number;
  /** Facts a client may act on, sent as `extensions.details` (e.g. the missing privilege and its threshold). */
  details?: Record<string, string | number>;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly reason: string;
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly fields: FieldProblem[];
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, string | number>;

  constructor(
    readonly code: ErrorCode,
    options: DomainErrorOptions = {},
  ) {
    const reason = options.reason ?? code;
    super(reason, { cause: options.cause });
    this.name = 'DomainError';
    this.reason = reason;
    this.messageKey = options.messageKey ?? reason;
    this.params = options.params ?? {};
    this.fields = options.fields ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }
}

export class InvalidInputError extends DomainError {
  constructor(fields: FieldProblem[], reason = 'INVALID_INPUT') {
    super(ErrorCode.BadUserInput, { reason, fields });
  }
}

export class NotFoundError extends DomainError {
  /** `reason` doubles as the message key (e.g. BOARD_NOT_FOUND), so the entity name is translated too. */
  constructor(entity: string, reason = 'NOT_FOUND') {
    super(ErrorCode.NotFound, { reason, params: { entity } });
  }
}

export class ForbiddenError extends DomainError {
  constructor(reason = 'FORBIDDEN') {
    super(ErrorCode.Forbidden, { reason });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(reason = 'UNAUTHENTICATED') {
    super(ErrorCode.Unauthenticated, { reason });
  }
}

export class ConflictError extends DomainError {
  constructor(reason = 'CONFLICT', params?: Record<string, string | number>) {
    super(ErrorCode.Conflict, { reason, params });
  }
}

export class PreconditionFailedError extends DomainError {
  constructor(reason: string, params?: Record<string, string | number>) {
    super(ErrorCode.PreconditionFailed, { reason, params });
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number, reason = 'RATE_LIMITED') {
    super(ErrorCode.RateLimited, { reason, retryAfterSeconds, params: { seconds: retryAfterSeconds } });
  }
}
