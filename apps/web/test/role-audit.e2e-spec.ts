// The role audit: every grant, change and revocation of a board role with duties and of operator
// administration is recorded with the change; the operator's admins read it (API and site) by
// board, kind and actor, a page at a time; moderators, members and other operators' admins don't.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import {
  createPlatformAdmin,
  registerUser,
  STRONG_PASSWORD,
  type TestUser,
} from '../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator, setBoardRole } from '../../../tests/e2e/support/boards.js';
import { clientsOn } from './support/web-client.js';

let t: TestApp;
const { as } = clientsOn(() => t.baseUrl, '10.63.0');
let admin: TestUser;
let owner: TestUser;
let moderator: TestUser;
let staff: TestUser;
let member: TestUser;
let otherAdmin: TestUser;
let operatorSlug: string;
let boardSlug: string;
let secondBoardSlug: string;

const AUDIT = `query ($o: String!, $b: String, $k: RoleKind, $a: String, $first: Int!, $before: ID) {
  roleAuditLog(operatorSlug: $o, boardSlug: $b, kind: $k, actorHandle: $a, first: $first, before: $before) {
    id previousRole role user { handle } actor { handle } board { slug }
  }
}`;
type Row = { id: string; previousRole: string | null; role: string | null; user: { handle: string } };
const audit = async (by: TestUser, variables: Record<string, unknown> = {}) =>
  t.graphql(AUDIT, { o: operatorSlug, first: 50, ...variables }, { token: by.accessToken });
const rowsOf = (response: { data?: any }) =>
  (response.data!.roleAuditLog as (Row & { actor: { handle: string }; board: { slug: string } | null })[]).map(
    (row) => ({
      change: `${row.previousRole ?? '-'}>${row.role ?? '-'}`,
      user: row.user.handle,
      actor: row.actor.handle,
      board: row.board?.slug ?? null,
    }),
  );

beforeAll(async () => {
  t = await startTestApp();
  admin = await createPlatformAdmin(t);
  [owner, moderator, staff, member, otherAdmin] = await Promise.all(Array.from({ length: 5 }, () => registerUser(t)));
  operatorSlug = (await createOperator(t, admin, [owner.handle])).slug;
  await createOperator(t, admin, [otherAdmin.handle]);
  boardSlug = (await createBoard(t, owner, operatorSlug)).slug;
  secondBoardSlug = (await createBoard(t, owner, operatorSlug)).slug;
  await setBoardRole(t, owner, boardSlug, moderator.handle, 'MODERATOR');
  await setBoardRole(t, owner, secondBoardSlug, staff.handle, 'STAFF');
  await setBoardRole(t, owner, secondBoardSlug, staff.handle, 'MODERATOR');
  await setBoardRole(t, owner, secondBoardSlug, staff.handle, null);
  // Joining is not a grant.
  const joined = await t.graphql(
    'mutation ($b: String!) { joinBoard(slug: $b) { slug } }',
    { b: boardSlug },
    {
      token: member.accessToken,
    },
  );
  if (joined.errors) throw new Error(JSON.stringify(joined.errors));
  await t.graphql(
    'mutation ($o: String!, $h: String!) { addOperatorAdmin(operatorSlug: $o, handle: $h) { slug } }',
    {
      o: operatorSlug,
      h: member.handle,
    },
    { token: owner.accessToken },
  );
  await t.graphql(
    'mutation ($o: String!, $h: String!) { removeOperatorAdmin(operatorSlug: $o, handle: $h) { slug } }',
    {
      o: operatorSlug,
      h: member.handle,
    },
    { token: owner.accessToken },
  );
}, 60_000);
afterAll(() => t.close());

describe('role audit', () => {
  it('records each grant, change and revocation, newest first, for the operator’s admins', async () => {
    const all = await audit(owner);
    expect(all.errors).toBeUndefined();
    expect(rowsOf(all)).toEqual([
      { change: 'OPERATOR_ADMIN>-', user: member.handle, actor: owner.handle, board: null },
      { change: '->OPERATOR_ADMIN', user: member.handle, actor: owner.handle, board: null },
      { change: 'MODERATOR>-', user: staff.handle, actor: owner.handle, board: secondBoardSlug },
      { change: 'STAFF>MODERATOR', user: staff.handle, actor: owner.handle, board: secondBoardSlug },
      { change: '->STAFF', user: staff.handle, actor: owner.handle, board: secondBoardSlug },
      { change: '->MODERATOR', user: moderator.handle, actor: owner.handle, board: boardSlug },
    ]);
    expect(rowsOf(await audit(owner, { b: boardSlug }))).toEqual([
      { change: '->MODERATOR', user: moderator.handle, actor: owner.handle, board: boardSlug },
    ]);
    expect(rowsOf(await audit(owner, { k: 'STAFF' })).map((row) => row.change)).toEqual(['STAFF>MODERATOR', '->STAFF']);
    expect(await audit(owner, { a: admin.handle })).toMatchObject({ data: { roleAuditLog: [] } });
    // Paging: two at a time, then the rest from the last one seen.
    const first = (await audit(owner, { first: 2 })).data!.roleAuditLog as Row[];
    const rest = (await audit(owner, { first: 50, before: first[1].id })).data!.roleAuditLog as Row[];
    expect([...first, ...rest].map((row) => row.id)).toEqual((all.data!.roleAuditLog as Row[]).map((row) => row.id));
  });

  it('is refused to moderators, members and other operators’ admins', async () => {
    for (const outsider of [moderator, member, otherAdmin]) {
      const refused = await audit(outsider);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(refused.data).toBeNull();
    }
    const page = await (await as(moderator, STRONG_PASSWORD)).get(`/o/${operatorSlug}/admin/audit`);
    expect(page.status).toBe(403);
    expect(page.body).not.toContain(staff.handle);
  });

  it('shows the log on the administration site with its filters, and grants administration there', async () => {
    const site = await as(owner, STRONG_PASSWORD);
    const home = await site.get(`/o/${operatorSlug}/admin`);
    expect(home.body).toContain(`href="/o/${operatorSlug}/admin/audit"`);
    const granted = await site.post(`/o/${operatorSlug}/admin/admins`, { handle: staff.handle, grant: '1' });
    expect(granted.location).toBe(`/o/${operatorSlug}/admin?done=roleGranted`);

    const log = await site.get(`/o/${operatorSlug}/admin/audit?kind=OPERATOR_ADMIN`);
    expect(log.status).toBe(200);
    expect(log.body).toContain('Granted: Operator admin');
    expect(log.body).toContain('Revoked: Operator admin');
    expect(log.body).not.toContain('Staff → Moderator');
    const byBoard = await site.get(`/o/${operatorSlug}/admin/audit?board=${secondBoardSlug}`);
    expect(byBoard.body).toContain('Staff → Moderator');
    const unknown = await site.get(`/o/${operatorSlug}/admin/audit?actor=nobody-by-that-name`);
    expect(unknown.body).toContain('No user has this handle.');
  });

  it('keeps the last administrator when all of them are removed at once', async () => {
    const admins = await Promise.all(Array.from({ length: 20 }, () => registerUser(t)));
    const slug = (
      await createOperator(
        t,
        admin,
        admins.map((user) => user.handle),
      )
    ).slug;
    const results = await Promise.all(
      admins.map((user) =>
        t.graphql(
          'mutation ($o: String!, $h: String!) { removeOperatorAdmin(operatorSlug: $o, handle: $h) { slug } }',
          { o: slug, h: user.handle },
          { token: admin.accessToken },
        ),
      ),
    );
    const refused = results.filter((result) => result.errors);
    expect(refused.map((result) => result.errors![0].extensions?.reason)).toEqual(['LAST_OPERATOR_ADMIN']);
    const left = await t.graphql('query ($o: String!) { operator(slug: $o) { admins { handle } } }', { o: slug });
    expect(left.data!.operator.admins).toHaveLength(1);
    const log = await t.graphql(AUDIT, { o: slug, first: 50 }, { token: admin.accessToken });
    expect(log.data!.roleAuditLog).toHaveLength(19);
  });
});
