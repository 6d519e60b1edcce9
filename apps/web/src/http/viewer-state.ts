// What a signed-in reader's pages show of them beyond their own account row: the unread count in
// the header, their staff links, their staff roles on boards and the threads they follow. Kept
// per user and keyed by the account's stateVersion, which every change of these moves (a
// notification arriving or read, a role or an operator's administration granted or removed, a
// thread followed or unfollowed). The version comes with the account read that authenticates each
// request, so a cached state is current on every instance without another query. See docs/speed.md.
import { Injectable } from '@nestjs/common';
import { type Actor, Clock, isPlatformAdmin } from '@helpboard/core';
import { type BoardRecord, BoardRole, MembershipService, OperatorService } from '@helpboard/boards';
import { FollowService, NotificationService } from '@helpboard/notifications';

/** The board roles that open staff pages (experts and members have none). */
export const TEAM_ROLES = [BoardRole.STAFF, BoardRole.MODERATOR, BoardRole.OWNER];

/**
 * What no version covers (a board turning private hides its notifications from the count) shows
 * after at most this long.
 */
export const VIEWER_STATE_TTL_MS = 60_000;
/** Readers kept; the least recently used go first past this. */
const MAX_VIEWERS = 5_000;
/** Followed threads kept per reader; past this the thread page asks per page. */
const MAX_FOLLOWED_KEPT = 500;

export interface ViewerState {
  unreadNotifications: number;
  /** Staff, moderator and owner roles, by board id. */
  teamRoles: ReadonlyMap<string, BoardRole>;
  /** Ids of the operators they administer. */
  operatorIds: ReadonlySet<string>;
  /** Ids of the threads they follow; null when they follow more than are kept. */
  followedThreads: ReadonlySet<string> | null;
}

/** Whether the reader may hold staff tools on this board (else none need looking up). */
export function mayHaveToolsOn(actor: Actor, state: ViewerState, board: BoardRecord): boolean {
  return (
    isPlatformAdmin(actor) ||
    state.teamRoles.has(board._id.toHexString()) ||
    state.operatorIds.has(board.operatorId.toHexString())
  );
}

interface Entry {
  stateVersion: number;
  expiresAt: number;
  state: Promise<ViewerState>;
}

@Injectable()
export class ViewerStates {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly notifications: NotificationService,
    private readonly memberships: MembershipService,
    private readonly operators: OperatorService,
    private readonly follows: FollowService,
    private readonly clock: Clock,
  ) {}

  /** The reader's state as of their account's version (read with it, or from this instance's copy). */
  of(actor: Actor): Promise<ViewerState> {
    const stateVersion = actor.account?.stateVersion;
    if (stateVersion === undefined) return this.read(actor);
    const now = this.clock.now().getTime();
    const cached = this.entries.get(actor.userId);
    this.entries.delete(actor.userId);
    if (cached && cached.stateVersion === stateVersion && cached.expiresAt > now) {
      this.entries.set(actor.userId, cached); // most recently used last
      return cached.state;
    }
    if (this.entries.size >= MAX_VIEWERS) this.entries.delete(this.entries.keys().next().value!);
    const entry = { stateVersion, expiresAt: now + VIEWER_STATE_TTL_MS, state: this.read(actor) };
    this.entries.set(actor.userId, entry);
    entry.state.catch(() => {
      if (this.entries.get(actor.userId) === entry) this.entries.delete(actor.userId);
    });
    return entry.state;
  }

  private async read(actor: Actor): Promise<ViewerState> {
    const [unreadNotifications, teamRoles, operators, followedThreads] = await Promise.all([
      this.notifications.unreadCount(actor),
      this.memberships.teamRolesOf(actor.userId, TEAM_ROLES),
      this.operators.administeredBy(actor.userId),
      this.follows.followedThreadIds(actor.userId, MAX_FOLLOWED_KEPT),
    ]);
    return {
      unreadNotifications,
      teamRoles,
      operatorIds: new Set(operators.map((operator) => operator._id.toHexString())),
      followedThreads,
    };
  }
}
