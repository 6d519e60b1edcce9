// Unclaimed accounts for people who wrote imported content: no e-mail and no password (nobody
// can sign in as them until a claim flow exists), keeping their display name and sign-up date.
// Their ids are chosen by the importer from the source, so importing twice adds nobody twice.
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ClientSession, Types } from 'mongoose';
import { type ImportOrigin, PlatformRole } from '@helpboard/core';
import { handleKeyOf, HANDLE_PATTERN, isReservedHandle } from './account-names.js';
import { UserRepository } from './user.repository.js';
import type { UserRecord } from './user.schema.js';

export interface ImportedAccount {
  id: Types.ObjectId;
  displayName: string;
  bio: string;
  createdAt: Date;
  origin: ImportOrigin;
}

/** ASCII letters, digits and dashes from a display name ("Stéphane Gimenez" → "Stephane-Gimenez"). */
function handleStem(displayName: string): string {
  const stem = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 18)
    .replace(/-+$/, '');
  return stem || 'user';
}

/** Handles to try, most readable first: the name and source id, then with the site, then a hash. */
export function candidateHandles(account: Pick<ImportedAccount, 'displayName' | 'origin' | 'id'>): string[] {
  const id = account.origin.id < 0 ? `m${-account.origin.id}` : String(account.origin.id);
  const site = createHash('sha1').update(account.origin.site).digest('hex').slice(0, 4);
  const stem = handleStem(account.displayName);
  return [`${stem}-${id}`, `${stem}-${id}-${site}`, `user-${account.id.toHexString().slice(-12)}`]
    .map((handle) => handle.slice(0, 30))
    .filter((handle) => HANDLE_PATTERN.test(handle) && !isReservedHandle(handle));
}

@Injectable()
export class ImportedAccountsService {
  constructor(private readonly users: UserRepository) {}

  existingIds(ids: readonly Types.ObjectId[], session?: ClientSession): Promise<Set<string>> {
    return this.users.existingIds(ids, session);
  }

  /** Inserts the accounts that do not exist yet; returns how many were added. */
  async addMissing(accounts: ImportedAccount[], session: ClientSession): Promise<number> {
    const existing = await this.users.existingIds(
      accounts.map((a) => a.id),
      session,
    );
    const fresh = accounts.filter((a) => !existing.has(a.id.toHexString()));
    if (fresh.length === 0) return 0;
    const candidates = fresh.map(candidateHandles);
    const taken = await this.users.takenHandleKeys(candidates.flat().map(handleKeyOf), session);
    const records = fresh.map((account, i): UserRecord => {
      const handle = candidates[i].find((h) => !taken.has(handleKeyOf(h)))!;
      taken.add(handleKeyOf(handle));
      return {
        _id: account.id,
        email: null,
        handle,
        handleKey: handleKeyOf(handle),
        passwordHash: null,
        displayName: account.displayName.trim().slice(0, 60) || handle,
        bio: account.bio,
        locale: 'en',
        region: null,
        avatarUrl: null,
        emailVerifiedAt: null,
        platformRole: PlatformRole.User,
        suspendedUntil: null,
        origin: account.origin,
        createdAt: account.createdAt,
        updatedAt: account.createdAt,
      };
    });
    await this.users.insertMany(records, session);
    return records.length;
  }
}
