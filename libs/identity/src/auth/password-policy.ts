// What makes a password acceptable: long enough, not absurdly long (argon2 work is bounded by
// input size), not a known-common password and not the account's own handle or e-mail.
import { type FieldProblem } from '@helpboard/core';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export function passwordProblems(
  password: string,
  field: string,
  account: { handle?: string; email?: string } = {},
): FieldProblem[] {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    return [{ field, message: 'PASSWORD_TOO_SHORT', params: { min: MIN_PASSWORD_LENGTH } }];
  if (length > MAX_PASSWORD_LENGTH) return [{ field, message: 'TOO_LONG', params: { max: MAX_PASSWORD_LENGTH } }];
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) return [{ field, message: 'PASSWORD_TOO_COMMON' }];
  const personal = [account.handle, account.email, account.email?.split('@')[0]]
    .filter((value): value is string => !!value && value.length >= 3)
    .map((value) => value.toLowerCase());
  if (personal.some((value) => lowered.includes(value))) return [{ field, message: 'PASSWORD_TOO_PERSONAL' }];
  return [];
}
