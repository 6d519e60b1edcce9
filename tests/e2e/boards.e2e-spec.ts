import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createBoardRequest, createOperator, setBoardRole, uniqueSlug } from './support/boards.js';

describe('boards: operators, boards, roles and who may do what', () => {
  let t: TestApp;
  let admin: TestUser;
  let alice: TestUser; // admin of operator A
  let bob: TestUser; // admin of operator B
  let operatorA: { slug: string };
  let operatorB: { slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPlatformAdmin(t);
    [alice, bob] = await Promise.all([registerUser(t), registerUser(t)]);
    operatorA = await createOperator(t, admin, [alice.handle]);
    operatorB = await createOperator(t, admin, [bob.handle]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets only platform admins open operators', async () => {
    const query = 'mutation ($i: CreateOperatorInput!) { createOperator(input: $i) { id } }';
    const input = { i: { slug: uniqueSlug('op'), name: 'Nope' } };
    expect((await t.graphql(query, input, { token: alice.accessToken })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await t.graphql(query, input)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a taken operator slug with CONFLICT and an unknown admin handle as bad input', async () => {
    const query = 'mutation ($i: CreateOperatorInput!) { createOperator(input: $i) { id } }';
    const taken = await t.graphql(query, { i: { slug: operatorA.slug, name: 'Again' } }, { token: admin.accessToken });
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OPERATOR_SLUG_TAKEN' });
    const unknown = await t.graphql(
      query,
      { i: { slug: uniqueSlug('op'), name: 'Unknown admins', adminHandles: ['nobody-here'] } },
      { token: admin.accessToken },
    );
    expect(unknown.errors?.[0].extensions?.fields).toEqual([
      { field: 'adminHandles', message: 'No user has this handle.' },
    ]);
  });

  it("lets an operator's admin open boards with validated settings", async () => {
    const slug = uniqueSlug('shanghai');
    const created = await createBoardRequest(t, alice, {
      operatorSlug: operatorA.slug,
      slug,
      title: 'Shanghai 5G',
      kind: 'REGION',
      region: 'Shanghai',
      tags: ['5G', ' Billing ', '5g'],
      settings: { reputation: { answerAccepted: 20 }, escalation: { expertsAfterMinutes: 15 } },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createBoard).toMatchObject({
      slug,
      region: 'Shanghai',
      tags: ['5g', 'billing'],
      isArchived: false,
      settings: { reputation: { answerAccepted: 20 }, escalation: { expertsAfterMinutes: 15, staffAfterMinutes: 240 } },
    });

    const invalid = await createBoardRequest(t, alice, {
      operatorSlug: operatorA.slug,
      slug: uniqueSlug('bad'),
      title: 'Bad settings',
      kind: 'PRODUCT',
      settings: { reputation: { postDownvote: 5 } },
    });
    expect(invalid.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'settings.reputation.postDownvote', message: 'This value is not valid.' }],
    });

    const duplicate = await createBoardRequest(t, alice, {
      operatorSlug: operatorA.slug,
      slug,
      title: 'Again',
      kind: 'REGION',
    });
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'BOARD_SLUG_TAKEN' });
  });

  it("keeps operator B's admin away from operator A's boards", async () => {
    const board = await createBoard(t, alice, operatorA.slug);
    const create = await createBoardRequest(t, bob, {
      operatorSlug: operatorA.slug,
      slug: uniqueSlug('x'),
      title: 'Mine',
      kind: 'INTEREST',
    });
    expect(create.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATOR_ADMIN_REQUIRED' });
    const update = await t.graphql(
      'mutation ($s: String!) { updateBoard(slug: $s, input: { title: "Taken over" }) { title } }',
      { s: board.slug },
      { token: bob.accessToken },
    );
    expect(update.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const archive = await t.graphql(
      'mutation ($s: String!) { archiveBoard(slug: $s) { isArchived } }',
      { s: board.slug },
      { token: bob.accessToken },
    );
    expect(archive.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const role = await setBoardRole(t, bob, board.slug, bob.handle, 'OWNER');
    expect(role.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('grants roles: owners appoint staff and moderators, only operator admins appoint owners', async () => {
    const board = await createBoard(t, alice, operatorA.slug);
    const [owner, rep, mod] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    expect((await setBoardRole(t, alice, board.slug, owner.handle, 'OWNER')).data?.setBoardRole.role).toBe('OWNER');
    expect((await setBoardRole(t, owner, board.slug, rep.handle, 'STAFF')).data?.setBoardRole.role).toBe('STAFF');
    expect((await setBoardRole(t, owner, board.slug, mod.handle, 'MODERATOR')).data?.setBoardRole.role).toBe(
      'MODERATOR',
    );
    const ownerByOwner = await setBoardRole(t, owner, board.slug, rep.handle, 'OWNER');
    expect(ownerByOwner.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OWNER_GRANT_REQUIRES_OPERATOR_ADMIN',
    });
    const byStaff = await setBoardRole(t, rep, board.slug, mod.handle, 'EXPERT');
    expect(byStaff.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'BOARD_ROLE_REQUIRED' });

    const viewed = await t.graphql(
      'query ($s: String!) { board(slug: $s) { viewerRole memberCount operator { slug admins { handle } } } }',
      { s: board.slug },
      { token: rep.accessToken },
    );
    expect(viewed.data?.board).toEqual({
      viewerRole: 'STAFF',
      memberCount: 3,
      operator: { slug: operatorA.slug, admins: [{ handle: alice.handle }] },
    });
    expect((await setBoardRole(t, owner, board.slug, mod.handle, null)).data?.setBoardRole.role).toBeNull();
    const after = await t.graphql(
      'query ($s: String!) { board(slug: $s) { viewerRole memberCount } }',
      { s: board.slug },
      { token: mod.accessToken },
    );
    expect(after.data?.board).toEqual({ viewerRole: null, memberCount: 2 });
  });

  it('lets people join and leave a board', async () => {
    const board = await createBoard(t, alice, operatorA.slug);
    const carol = await registerUser(t);
    const joined = await t.graphql(
      'mutation ($s: String!) { joinBoard(slug: $s) { memberCount viewerRole } }',
      { s: board.slug },
      { token: carol.accessToken },
    );
    expect(joined.data?.joinBoard).toEqual({ memberCount: 1, viewerRole: 'MEMBER' });
    const again = await t.graphql(
      'mutation ($s: String!) { joinBoard(slug: $s) { memberCount } }',
      { s: board.slug },
      { token: carol.accessToken },
    );
    expect(again.data?.joinBoard.memberCount).toBe(1);
    const left = await t.graphql(
      'mutation ($s: String!) { leaveBoard(slug: $s) { memberCount viewerRole } }',
      { s: board.slug },
      { token: carol.accessToken },
    );
    expect(left.data?.leaveBoard).toEqual({ memberCount: 0, viewerRole: null });
  });

  it('makes an archived board read-only', async () => {
    const board = await createBoard(t, alice, operatorA.slug);
    const archived = await t.graphql(
      'mutation ($s: String!) { archiveBoard(slug: $s) { isArchived } }',
      { s: board.slug },
      { token: alice.accessToken },
    );
    expect(archived.data?.archiveBoard.isArchived).toBe(true);
    const update = await t.graphql(
      'mutation ($s: String!) { updateBoard(slug: $s, input: { title: "Changed" }) { title } }',
      { s: board.slug },
      { token: alice.accessToken },
    );
    expect(update.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'BOARD_ARCHIVED' });
    const carol = await registerUser(t);
    const join = await t.graphql(
      'mutation ($s: String!) { joinBoard(slug: $s) { id } }',
      { s: board.slug },
      { token: carol.accessToken },
    );
    expect(join.errors?.[0].extensions?.code).toBe('PRECONDITION_FAILED');
    expect(
      (await t.graphql('query ($s: String!) { board(slug: $s) { title isArchived } }', { s: board.slug })).data?.board
        .isArchived,
    ).toBe(true);
  });

  it('hides a private board from outsiders as if it did not exist', async () => {
    const board = await createBoard(t, alice, operatorA.slug, { visibility: 'PRIVATE' });
    const outsider = await registerUser(t);
    const hidden = await t.graphql(
      'query ($s: String!) { board(slug: $s) { id } }',
      { s: board.slug },
      { token: outsider.accessToken },
    );
    expect(hidden.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'BOARD_NOT_FOUND' });
    await setBoardRole(t, alice, board.slug, outsider.handle, 'MEMBER');
    const visible = await t.graphql(
      'query ($s: String!) { board(slug: $s) { id } }',
      { s: board.slug },
      { token: outsider.accessToken },
    );
    expect(visible.data?.board.id).toBe(board.id);
  });

  it("pages through an operator's boards with cursors, each board exactly once", async () => {
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await createBoard(t, bob, operatorB.slug, { kind: 'PRODUCT' })).slug);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const response: any = await t.graphql(
        'query ($o: String!, $a: String) { boards(operatorSlug: $o, kind: PRODUCT, first: 2, after: $a) { edges { node { slug } } pageInfo { hasNextPage endCursor } } }',
        { o: operatorB.slug, a: after },
      );
      seen.push(...response.data.boards.edges.map((e: { node: { slug: string } }) => e.node.slug));
      if (!response.data.boards.pageInfo.hasNextPage) break;
      after = response.data.boards.pageInfo.endCursor;
    }
    expect(seen).toEqual([...created].sort());
    const tooMany = await t.graphql(
      'query ($o: String!) { boards(operatorSlug: $o, first: 1000) { edges { cursor } } }',
      { o: operatorB.slug },
    );
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
    const badCursor = await t.graphql(
      'query ($o: String!) { boards(operatorSlug: $o, after: "bogus!") { edges { cursor } } }',
      { o: operatorB.slug },
    );
    expect(badCursor.errors?.[0].extensions?.reason).toBe('INVALID_CURSOR');
  });
});
