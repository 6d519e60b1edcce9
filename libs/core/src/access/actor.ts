// Who is calling: resolved once per request by the identity lib's access guard from the bearer
// token, and passed to services, which decide what that caller may do.

export enum PlatformRole {
  User = 'USER',
  Admin = 'ADMIN',
}

export interface Actor {
  userId: string;
  handle: string;
  platformRole: PlatformRole;
  /** Suspended users keep reading but cannot write (the guard refuses their mutations). */
  isSuspended: boolean;
  /** The session (refresh-token family) the access token belongs to. */
  sessionId: string;
  /**
   * Signed-in requests: the account as read for this request. `stateVersion` keys caches of
   * what the user sees outside their own row (docs/speed.md); the rest is for the site's header.
   */
  account?: ActorAccount;
}

export interface ActorAccount {
  stateVersion: number;
  displayName: string;
  locale: string;
  isEmailVerified: boolean;
  avatarUrl: string | null;
}

export function isPlatformAdmin(actor: Actor | null | undefined): boolean {
  return actor?.platformRole === PlatformRole.Admin;
}

/**
 * An author or voter named in an event, as an Actor for board-role checks: only their id and
 * board roles matter there (platform admins and suspensions are settled before the action).
 */
export function memberActor(userId: string): Actor {
  return { userId, handle: '', platformRole: PlatformRole.User, isSuspended: false, sessionId: '' };
}
