import { describe, expect, it } from '@jest/globals';
import { type Actor, PlatformRole } from '@helpboard/core';
import { BoardAction as A, BoardRole, BoardVisibility, decide, type PermissionSubject } from './board-permissions.js';

const user: Actor = { userId: 'u1', handle: 'u1', platformRole: PlatformRole.User, isSuspended: false, sessionId: 's' };
const admin: Actor = { ...user, platformRole: PlatformRole.Admin };
const suspended: Actor = { ...user, isSuspended: true };

const subjects: Record<string, PermissionSubject> = {
  anonymous: { actor: null, role: null, isOperatorAdmin: false },
  signedIn: { actor: user, role: null, isOperatorAdmin: false },
  member: { actor: user, role: BoardRole.MEMBER, isOperatorAdmin: false },
  expert: { actor: user, role: BoardRole.EXPERT, isOperatorAdmin: false },
  staff: { actor: user, role: BoardRole.STAFF, isOperatorAdmin: false },
  moderator: { actor: user, role: BoardRole.MODERATOR, isOperatorAdmin: false },
  owner: { actor: user, role: BoardRole.OWNER, isOperatorAdmin: false },
  operatorAdmin: { actor: user, role: null, isOperatorAdmin: true },
  platformAdmin: { actor: admin, role: null, isOperatorAdmin: false },
  suspendedModerator: { actor: suspended, role: BoardRole.MODERATOR, isOperatorAdmin: false },
};

// Expected on an open public board. Columns: who; rows: actions. Y = allowed.
const table: Record<A, string> = {
  //                      anon signed member expert staff mod owner opAdm plAdm suspMod
  [A.View]: 'Y    Y      Y      Y      Y     Y   Y     Y     Y     Y',
  [A.Participate]: '-    Y      Y      Y      Y     Y   Y     Y     Y     -',
  [A.EditAnyPost]: '-    -      -      -      Y     Y   Y     Y     Y     -',
  [A.ActAsStaff]: '-    -      -      -      Y     -   Y     Y     Y     -',
  [A.Moderate]: '-    -      -      -      -     Y   Y     Y     Y     -',
  [A.ManageRoles]: '-    -      -      -      -     -   Y     Y     Y     -',
  [A.UpdateBoard]: '-    -      -      -      -     -   Y     Y     Y     -',
  [A.ArchiveBoard]: '-    -      -      -      -     -   -     Y     Y     -',
  [A.ViewInsights]: '-    -      -      -      Y     Y   Y     Y     Y     -',
};

const publicBoard = { isArchived: false, visibility: BoardVisibility.PUBLIC };
const cases = Object.entries(table).flatMap(([action, row]) =>
  row.split(/\s+/).map((cell, column) => [action as A, Object.keys(subjects)[column], cell === 'Y'] as const),
);

describe('board permissions', () => {
  it.each(cases)('%s by %s → %s', (action, who, expected) => {
    expect(decide(subjects[who], action, publicBoard).allowed).toBe(expected);
  });

  it('refuses every write on an archived board, even to admins, and still allows reading', () => {
    const archived = { isArchived: true, visibility: BoardVisibility.PUBLIC };
    for (const action of [A.Participate, A.EditAnyPost, A.ActAsStaff, A.Moderate, A.ManageRoles, A.UpdateBoard]) {
      const verdict = decide(subjects.platformAdmin, action, archived);
      expect(verdict).toEqual({ allowed: false, reason: 'BOARD_ARCHIVED', isArchived: true });
    }
    expect(decide(subjects.anonymous, A.View, archived).allowed).toBe(true);
  });

  it('shows a private board only to members and admins, and lets only them take part', () => {
    const privateBoard = { isArchived: false, visibility: BoardVisibility.PRIVATE };
    expect(decide(subjects.signedIn, A.View, privateBoard)).toEqual({ allowed: false, reason: 'BOARD_PRIVATE' });
    expect(decide(subjects.signedIn, A.Participate, privateBoard).allowed).toBe(false);
    expect(decide(subjects.member, A.View, privateBoard).allowed).toBe(true);
    expect(decide(subjects.member, A.Participate, privateBoard).allowed).toBe(true);
    expect(decide(subjects.operatorAdmin, A.View, privateBoard).allowed).toBe(true);
  });

  it('says why it refuses', () => {
    expect(decide(subjects.anonymous, A.Participate, publicBoard)).toEqual({
      allowed: false,
      reason: 'UNAUTHENTICATED',
    });
    expect(decide(subjects.suspendedModerator, A.Moderate, publicBoard)).toEqual({
      allowed: false,
      reason: 'USER_SUSPENDED',
    });
    expect(decide(subjects.member, A.Moderate, publicBoard)).toEqual({ allowed: false, reason: 'BOARD_ROLE_REQUIRED' });
  });
});
