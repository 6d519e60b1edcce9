// The reason a moderator gives for an action, checked the same way wherever it is taken (API or site).
import { InvalidInputError } from '@helpboard/core';

/** Reasons are kept in the audit log and shown to the people affected: say why, briefly. */
export function moderationReason(reason: string | null | undefined, field = 'reason'): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length < 3 || trimmed.length > 500) {
    throw new InvalidInputError([{ field, message: 'LENGTH_OUT_OF_RANGE', params: { min: 3, max: 500 } }]);
  }
  return trimmed;
}
