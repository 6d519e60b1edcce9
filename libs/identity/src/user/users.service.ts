// The identity lib's published user operations, used by resolvers here and by other libs.
import { Injectable } from '@nestjs/common';
import { type ClientSession, Types } from 'mongoose';
import {
  type Actor,
  byIds,
  Clock,
  type FieldProblem,
  InvalidInputError,
  type LoaderHolder,
  NotFoundError,
  requestLoader,
} from '@helpboard/core';
import { handleKeyOf } from './account-names.js';
import { UserRepository } from './user.repository.js';
import { UserRecord } from './user.schema.js';

export interface ProfileChanges {
  displayName?: string | null;
  bio?: string | null;
  locale?: 'en' | 'zh-CN' | null;
  region?: string | null;
  avatarUrl?: string | null;
}

/** Accounts without an address (imported ones) have nothing to verify; others, once they used the link. */
export function hasVerifiedEmail(user: Pick<UserRecord, 'email' | 'emailVerifiedAt'>): boolean {
  return !user.email || user.emailVerifiedAt !== null;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  findById(id: string): Promise<UserRecord | null> {
    return this.users.findById(id);
  }

  /** For DataLoaders: one query for many ids, in no particular order. */
  findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    return this.users.findByIds(ids);
  }

  /** The request's batched loader of users by id (author cards, admins, mentions). */
  loader(holder: LoaderHolder) {
    return requestLoader<string, UserRecord>(holder, 'users.byId', async (ids) =>
      byIds(ids, await this.users.findByIds(ids), (user) => user._id.toHexString()),
    );
  }

  /**
   * Tells every instance that what these users see outside their own row changed (their
   * notifications, board roles, operators, follows): caches keyed by UserRecord.stateVersion are
   * rebuilt on their next request. Call it with the change's transaction, or after it committed.
   */
  touchViewerState(userIds: readonly (string | Types.ObjectId)[], session?: ClientSession): Promise<void> {
    const ids = userIds.flatMap((id) => (Types.ObjectId.isValid(id) ? [new Types.ObjectId(id)] : []));
    return this.users.touchState(ids, session);
  }

  findByHandle(handle: string): Promise<UserRecord | null> {
    return this.users.findByHandleKey(handleKeyOf(handle));
  }

  findByHandles(handles: readonly string[]): Promise<UserRecord[]> {
    return this.users.findByHandleKeys(handles.map(handleKeyOf));
  }

  async requireByHandle(handle: string): Promise<UserRecord> {
    const user = await this.findByHandle(handle);
    if (!user) throw new NotFoundError('User', 'USER_NOT_FOUND');
    return user;
  }

  /**
   * Suspends until a date (SUSPENDED_INDEFINITELY: until lifted) or, with null, lifts a
   * suspension; checked on every request.
   */
  async setSuspension(userId: Types.ObjectId, until: Date | null, session?: ClientSession): Promise<UserRecord> {
    const updated = await this.users.update(userId, { suspendedUntil: until, updatedAt: this.clock.now() }, session);
    if (!updated) throw new NotFoundError('User', 'USER_NOT_FOUND');
    return updated;
  }

  async updateProfile(actor: Actor, changes: ProfileChanges): Promise<UserRecord> {
    // The same bounds as the GraphQL input, here too: the site's settings form calls this directly.
    const problems: FieldProblem[] = [];
    const displayName = changes.displayName?.trim();
    if (displayName !== undefined && (displayName.length < 1 || displayName.length > 50)) {
      problems.push({ field: 'displayName', message: 'LENGTH_OUT_OF_RANGE', params: { min: 1, max: 50 } });
    }
    if ((changes.bio?.trim().length ?? 0) > 500)
      problems.push({ field: 'bio', message: 'TOO_LONG', params: { max: 500 } });
    if ((changes.region?.trim().length ?? 0) > 50)
      problems.push({ field: 'region', message: 'TOO_LONG', params: { max: 50 } });
    if (problems.length > 0) throw new InvalidInputError(problems);
    const set: Partial<UserRecord> = { updatedAt: this.clock.now() };
    if (changes.displayName != null) set.displayName = changes.displayName.trim();
    if (changes.bio != null) set.bio = changes.bio.trim();
    if (changes.locale != null) set.locale = changes.locale;
    if (changes.region !== undefined) set.region = changes.region?.trim() || null;
    if (changes.avatarUrl !== undefined) set.avatarUrl = changes.avatarUrl || null;
    const updated = await this.users.update(new Types.ObjectId(actor.userId), set);
    if (!updated) throw new NotFoundError('User', 'USER_NOT_FOUND');
    return updated;
  }
}
