// What every new account must satisfy and how its row starts, shared by the ways accounts are
// made: the CLI and demo (`createAccount`), and a sign-up completed from its e-mailed link.
import { ConflictError, type FieldProblem, InvalidInputError, PlatformRole } from '@helpboard/core';
import { isEmail } from 'class-validator';
import type { Types } from 'mongoose';
import { HANDLE_PATTERN, handleKeyOf, isReservedHandle, normaliseEmail } from '../user/account-names.js';
import type { NewUser } from '../user/user.repository.js';
import type { UserLocale } from '../user/user.schema.js';
import { passwordProblems } from './password-policy.js';

export interface AccountFields {
  email: string;
  handle: string;
  displayName: string;
  locale: UserLocale;
}

/**
 * Normalises and checks an account's address, handle and password; every problem at once
 * (`BAD_USER_INPUT`). Checked here, not only on the GraphQL input: the site's form and the CLI
 * create accounts too.
 */
export function checkedAccount(input: {
  email: string;
  handle: string;
  password: string;
  displayName?: string | null;
  locale?: UserLocale | null;
}): AccountFields {
  const email = normaliseEmail(input.email);
  const handle = input.handle.trim();
  const problems: FieldProblem[] = [];
  if (email.length > 254 || !isEmail(email)) problems.push({ field: 'email', message: 'INVALID_EMAIL' });
  if (!HANDLE_PATTERN.test(handle)) problems.push({ field: 'handle', message: 'HANDLE_INVALID' });
  else if (isReservedHandle(handle)) problems.push({ field: 'handle', message: 'HANDLE_RESERVED' });
  problems.push(...passwordProblems(input.password, 'password', { handle, email }));
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { email, handle, displayName: input.displayName?.trim() || handle, locale: input.locale ?? 'en' };
}

/** The row of a new account that signs in with `passwordHash`. */
export function newUserRecord(
  fields: AccountFields & {
    _id?: Types.ObjectId;
    passwordHash: string;
    emailVerifiedAt: Date | null;
    platformRole?: PlatformRole;
  },
  now: Date,
): NewUser {
  return {
    ...(fields._id ? { _id: fields._id } : {}),
    email: fields.email,
    handle: fields.handle,
    handleKey: handleKeyOf(fields.handle),
    passwordHash: fields.passwordHash,
    displayName: fields.displayName,
    bio: '',
    locale: fields.locale,
    region: null,
    avatarUrl: null,
    emailVerifiedAt: fields.emailVerifiedAt,
    platformRole: fields.platformRole ?? PlatformRole.User,
    suspendedUntil: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** A unique index refused the account: its address or its handle is someone's already. */
export function takenConflict(error: unknown): ConflictError | null {
  const duplicate = error as { code?: unknown; keyPattern?: Record<string, unknown> } | null;
  if (duplicate?.code !== 11000) return null;
  return new ConflictError(duplicate.keyPattern && 'email' in duplicate.keyPattern ? 'EMAIL_TAKEN' : 'HANDLE_TAKEN');
}
