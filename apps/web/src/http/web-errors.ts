// Errors only the web layer raises.
import { DomainError, ErrorCode } from '@helpboard/core';

/** A form posted without this browser's CSRF token (or after the cookie changed). */
export class CsrfRejectedError extends DomainError {
  constructor() {
    super(ErrorCode.Forbidden, { reason: 'CSRF_REJECTED', messageKey: 'web.csrf.invalid' });
  }
}
