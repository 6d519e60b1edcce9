// Private means private on every path (issue #21): every field and page that takes or returns
// board data, run as anonymous, outsider, member and staff. Anonymous callers and outsiders see
// nothing of a private board (a board argument is NOT_FOUND, as board(slug) says; lists leave it
// out); members and staff see it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, STRONG_PASSWORD, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask, vote } from './support/threads.js';
import { clientsOn } from '../../apps/web/test/support/web-client.js';

/** `admin` is a platform admin with no role on the board: platform admins may read every board. */
type Viewer = 'anonymous' | 'outsider' | 'member' | 'staff' | 'admin';
const VIEWERS: Viewer[] = ['anonymous', 'outsider', 'member', 'staff', 'admin'];
const MAY_READ: Record<Viewer, boolean> = {
  anonymous: false,
  outsider: false,
  member: true,
  staff: true,
  admin: true,
};

describe('private boards on every path that takes or returns board data', () => {
  let t: TestApp;
  let board: { id: string; slug: string; title: string };
  let expert: TestUser;
  let operatorAdmin: TestUser;
  let platformAdmin: TestUser;
  let operatorSlug: string;
  let answerId: string;
  const tokens: Partial<Record<Viewer, string>> = {};
  const users: Partial<Record<Viewer, TestUser>> = {};
  const { browser, as } = clientsOn(() => t.baseUrl, '10.77.0');

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    platformAdmin = admin;
    users.admin = admin;
    operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    operatorSlug = operator.slug;
    const created = await createBoard(t, operatorAdmin, operator.slug, {
      visibility: 'PRIVATE',
      title: 'Secret beta firmware',
    });
    board = { ...created, title: 'Secret beta firmware' };
    let asker: TestUser;
    [expert, asker, users.outsider, users.member, users.staff] = await Promise.all(
      Array.from({ length: 5 }, () => registerUser(t)),
    );
    for (const user of [expert, asker, users.member])
      await setBoardRole(t, operatorAdmin, board.slug, user.handle, 'MEMBER');
    await setBoardRole(t, operatorAdmin, board.slug, users.staff.handle, 'STAFF');
    const q = await ask(t, asker, board.slug, { title: 'Beta firmware drains the battery overnight' });
    answerId = (await answer(t, expert, q.id, 'Turn off the new always-on display.')).id;
    await vote(t, asker, answerId, 'UP');
    const granted = await t.graphql(
      'mutation ($b: String!, $h: String!, $e: DateTime!) { grantOfficialExpert(boardSlug: $b, handle: $h, expiresAt: $e, reason: "Knows the beta firmware") { kind } }',
      { b: board.slug, h: expert.handle, e: new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString() },
      { token: users.staff.accessToken },
    );
    expect(granted.errors).toBeUndefined();
    for (const viewer of ['outsider', 'member', 'staff', 'admin'] as const) tokens[viewer] = users[viewer]!.accessToken;
  });
  afterAll(async () => {
    await t.close();
  });

  const query = (viewer: Viewer, source: string, variables: Record<string, unknown> = {}) =>
    t.graphql(source, variables, tokens[viewer] ? { token: tokens[viewer] } : {});

  /**
   * A user field given a board the viewer may not read answers nothing but an error. Its code is
   * NOT_FOUND once field resolvers pass domain errors through (the sec-transport part of #21);
   * until then the field error comes out as INTERNAL_SERVER_ERROR, still without the data.
   */
  const expectUserFieldRefused = (response: Awaited<ReturnType<typeof query>>) => {
    expect(response.data?.user ?? null).toBeNull();
    expect(['NOT_FOUND', 'INTERNAL_SERVER_ERROR']).toContain(response.errors?.[0].extensions?.code);
    expect(JSON.stringify(response)).not.toContain(board.title);
  };

  /** Each path: what it shows when the viewer may read the board, and that it shows nothing otherwise. */
  const PATHS: { name: string; check: (viewer: Viewer, mayRead: boolean) => Promise<void> }[] = [
    {
      name: 'user.reputation(boardSlug)',
      check: async (viewer, mayRead) => {
        const response = await query(
          viewer,
          'query ($h: String!, $b: String!) { user(handle: $h) { reputation(boardSlug: $b) } }',
          {
            h: expert.handle,
            b: board.slug,
          },
        );
        if (mayRead)
          expect(response.data?.user.reputation).toBe(11); // 1 + 10 earned there
        else expectUserFieldRefused(response);
      },
    },
    {
      // The operator's total also holds the private board's points: only readable boards count.
      name: 'user.reputation(operatorSlug)',
      check: async (viewer, mayRead) => {
        const response = await query(
          viewer,
          'query ($h: String!, $o: String!) { user(handle: $h) { reputation(operatorSlug: $o) } }',
          { h: expert.handle, o: operatorSlug },
        );
        expect(response.data?.user.reputation).toBe(mayRead ? 11 : 1);
      },
    },
    {
      name: 'user.reputationHistory',
      check: async (viewer, mayRead) => {
        const response = await query(
          viewer,
          'query ($h: String!) { user(handle: $h) { reputationHistory { edges { node { boardId postId } } } } }',
          { h: expert.handle },
        );
        const nodes = response.data!.user.reputationHistory.edges.map((edge: { node: unknown }) => edge.node);
        if (mayRead) expect(nodes).toContainEqual({ boardId: board.id, postId: answerId });
        else expect(nodes).toEqual([]);
      },
    },
    {
      name: 'user.reputationHistory(boardSlug)',
      check: async (viewer, mayRead) => {
        const response = await query(
          viewer,
          'query ($h: String!, $b: String!) { user(handle: $h) { reputationHistory(boardSlug: $b) { edges { node { postId } } } } }',
          { h: expert.handle, b: board.slug },
        );
        if (mayRead) expect(response.data?.user.reputationHistory.edges).toHaveLength(1);
        else expectUserFieldRefused(response);
      },
    },
    {
      name: 'user.badges',
      check: async (viewer, mayRead) => {
        const response = await query(
          viewer,
          'query ($h: String!) { user(handle: $h) { badges { boardSlug reason } } }',
          {
            h: expert.handle,
          },
        );
        const badges = response.data!.user.badges;
        if (mayRead) expect(badges).toContainEqual({ boardSlug: board.slug, reason: 'Knows the beta firmware' });
        else expect(badges).toEqual([]);
      },
    },
    {
      name: 'user.badges(boardSlug)',
      check: async (viewer, mayRead) => {
        const response = await query(
          viewer,
          'query ($h: String!, $b: String!) { user(handle: $h) { badges(boardSlug: $b) { reason } } }',
          { h: expert.handle, b: board.slug },
        );
        if (mayRead) expect(response.data?.user.badges).toEqual([{ reason: 'Knows the beta firmware' }]);
        else expectUserFieldRefused(response);
      },
    },
    {
      name: 'badges(boardSlug)',
      check: async (viewer, mayRead) => {
        const response = await query(viewer, 'query ($b: String!) { badges(boardSlug: $b) { user { handle } } }', {
          b: board.slug,
        });
        if (mayRead) expect(response.data?.badges).toEqual([{ user: { handle: expert.handle } }]);
        else expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      },
    },
    {
      name: 'leaderboard(boardSlug)',
      check: async (viewer, mayRead) => {
        const response = await query(viewer, 'query ($b: String!) { leaderboard(boardSlug: $b) { user { handle } } }', {
          b: board.slug,
        });
        if (mayRead) expect(response.data?.leaderboard).toContainEqual({ user: { handle: expert.handle } });
        else expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      },
    },
    {
      name: 'page /u/<handle>',
      check: async (viewer, mayRead) => {
        const client = viewer === 'anonymous' ? browser() : await as(users[viewer]!, STRONG_PASSWORD);
        const page = await client.get(`/u/${expert.handle}`);
        expect(page.status).toBe(200);
        if (mayRead) expect(page.body).toContain(board.title);
        else {
          expect(page.body).not.toContain(board.title);
          expect(page.body).not.toContain(board.slug);
        }
      },
    },
    {
      name: 'page /b/<slug>/leaderboard',
      check: async (viewer, mayRead) => {
        const client = viewer === 'anonymous' ? browser() : await as(users[viewer]!, STRONG_PASSWORD);
        const page = await client.get(`/b/${board.slug}/leaderboard`);
        if (mayRead) expect(page.body).toContain(`/u/${expert.handle}`);
        else {
          expect(page.status).toBe(404);
          expect(page.body).not.toContain(board.title);
        }
      },
    },
  ];

  it('keeps notifications about a private board from members who have been removed from it', async () => {
    const [asker, helper] = await Promise.all([registerUser(t), registerUser(t)]);
    for (const user of [asker, helper]) await setBoardRole(t, operatorAdmin, board.slug, user.handle, 'MEMBER');
    const q = await ask(t, asker, board.slug, { title: 'Beta firmware forgets my Wi-Fi networks' });
    await answer(t, helper, q.id, 'Forget the network and join it again.');
    const notifications = async () =>
      (
        await t.graphql(
          'query { unreadNotificationCount notifications { edges { node { threadId text } } } }',
          {},
          { token: asker.accessToken },
        )
      ).data!;
    let seen = await notifications();
    expect(seen.unreadNotificationCount).toBe(1);
    expect(seen.notifications.edges).toHaveLength(1);

    const removed = await setBoardRole(t, operatorAdmin, board.slug, asker.handle, null);
    expect(removed.errors).toBeUndefined();
    await answer(t, helper, q.id, 'Or reset the network settings.');
    seen = await notifications();
    expect(seen).toEqual({ unreadNotificationCount: 0, notifications: { edges: [] } });
  });

  it('notifies a platform admin who is no member of answers on a private board, as it lets them read it', async () => {
    const helper = await registerUser(t);
    await setBoardRole(t, operatorAdmin, board.slug, helper.handle, 'MEMBER');
    const q = await ask(t, platformAdmin, board.slug, { title: 'Beta firmware resets the APN settings' });
    await answer(t, helper, q.id, 'Set the APN again after the update.');
    const seen = await t.graphql(
      'query { unreadNotificationCount notifications { edges { node { threadId } } } }',
      {},
      { token: platformAdmin.accessToken },
    );
    expect(seen.data).toEqual({ unreadNotificationCount: 1, notifications: { edges: [{ node: { threadId: q.id } }] } });
  });

  for (const path of PATHS) {
    it.each(VIEWERS)(`${path.name} as %s`, (viewer) => path.check(viewer, MAY_READ[viewer]));
  }
});
