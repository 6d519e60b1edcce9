// Role-aware navigation over HTTP: each role sees exactly the staff links its roles open (a table
// over roles × pages), a member opening a staff address gets the forbidden page and no data, and a
// moderator handles a "needs a staff member" flag and a spam flag from the thread's moderation page.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import {
  createPlatformAdmin,
  registerUser,
  STRONG_PASSWORD,
  type TestUser,
} from '../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator, setBoardRole } from '../../../tests/e2e/support/boards.js';
import { answer, ask } from '../../../tests/e2e/support/threads.js';
import { clientsOn, type WebClient } from './support/web-client.js';

let t: TestApp;
const { as } = clientsOn(() => t.baseUrl, '10.61.0');
const people: Record<'member' | 'staff' | 'moderator' | 'operatorAdmin', TestUser> = {} as never;
let boardSlug: string;
let operatorSlug: string;
let secondBoardSlug: string;
let thread: { id: string };
let threadPath: string;
const TITLE = 'Why does my roaming bundle stop at midnight?';

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createPlatformAdmin(t);
  const [member, staff, moderator, operatorAdmin] = await Promise.all([
    registerUser(t),
    registerUser(t),
    registerUser(t),
    registerUser(t),
  ]);
  Object.assign(people, { member, staff, moderator, operatorAdmin });
  operatorSlug = (await createOperator(t, admin, [operatorAdmin.handle])).slug;
  boardSlug = (await createBoard(t, admin, operatorSlug, { settings: { privileges: { flag: 0 } } })).slug;
  secondBoardSlug = (await createBoard(t, admin, operatorSlug)).slug;
  await setBoardRole(t, admin, boardSlug, staff.handle, 'STAFF');
  await setBoardRole(t, admin, boardSlug, moderator.handle, 'MODERATOR');
  thread = await ask(t, member, boardSlug, { title: TITLE });
  threadPath = `/t/${thread.id}/why-does-my-roaming-bundle-stop-at-midnight`;
});
afterAll(() => t.close());

const TOOLS = ['review', 'flags', 'moderation', 'insights', 'alerts', 'escalations', 'operator'] as const;
const toolsIn = (page: string) => TOOLS.filter((tool) => page.includes(`data-tool="${tool}"`));
const header = (page: string) => page.slice(page.indexOf('<header'), page.indexOf('</header>'));

describe('staff links by role', () => {
  const expected = {
    member: { tools: [], desk: false, referrals: false },
    staff: { tools: ['review', 'moderation', 'insights', 'alerts', 'escalations'], desk: true, referrals: true },
    moderator: { tools: ['review', 'flags', 'moderation', 'insights', 'alerts'], desk: true, referrals: false },
    operatorAdmin: { tools: [...TOOLS], desk: true, referrals: false },
  } as const;

  it.each(Object.entries(expected))('shows a %s exactly their links', async (role, want) => {
    const client = await as(people[role as keyof typeof people], STRONG_PASSWORD);
    for (const path of [`/b/${boardSlug}`, threadPath]) {
      const page = (await client.get(path)).body;
      expect({ path, tools: toolsIn(page) }).toEqual({ path, tools: want.tools });
      expect({ path, desk: header(page).includes('href="/me/staff"') }).toEqual({ path, desk: want.desk });
      expect({ path, referrals: header(page).includes('href="/me/referrals"') }).toEqual({
        path,
        referrals: want.referrals,
      });
    }
    const thread = (await client.get(threadPath)).body;
    expect(thread.includes(`href="/mod/t/`)).toBe(want.tools.includes('flags' as never));
    const desk = await client.get('/me/staff');
    expect(desk.status).toBe(200);
    expect(toolsIn(desk.body)).toEqual(want.tools);
    expect(desk.body.includes('You hold no staff, moderator or owner role')).toBe(want.tools.length === 0);
  });

  it('gives a member the forbidden page and no data at every staff address', async () => {
    const member = await as(people.member, STRONG_PASSWORD);
    const addresses = [
      `/b/${boardSlug}/review`,
      `/b/${boardSlug}/review?kind=FLAGGED`,
      `/b/${boardSlug}/moderation`,
      `/b/${boardSlug}/insights`,
      `/b/${boardSlug}/alerts`,
      `/b/${boardSlug}/escalations`,
      `/mod/t/${thread.id}`,
      `/o/${operatorSlug}/insights`,
      `/o/${operatorSlug}/insights.csv`,
    ];
    for (const address of addresses) {
      const page = await member.get(address);
      expect({ address, status: page.status }).toEqual({ address, status: 403 });
      expect(page.body).not.toContain(TITLE);
      expect(toolsIn(page.body)).toEqual([]);
    }
  });
});

describe("the staff pages' own navigation", () => {
  // Each staff page lists the viewer's tools on the board (the page they are on marked), nothing else.
  const pages = {
    review: () => `/b/${boardSlug}/review`,
    moderation: () => `/b/${boardSlug}/moderation`,
    insights: () => `/b/${boardSlug}/insights`,
    alerts: () => `/b/${boardSlug}/alerts`,
    escalations: () => `/b/${boardSlug}/escalations`,
    thread: () => `/mod/t/${thread.id}`,
  } as const;
  const opens = {
    member: [],
    staff: ['review', 'moderation', 'insights', 'alerts', 'escalations'],
    moderator: ['review', 'moderation', 'insights', 'alerts', 'thread'],
    operatorAdmin: Object.keys(pages),
  } as Record<keyof typeof people, string[]>;
  const nav = (page: string) => {
    const start = page.indexOf('<main');
    return page.slice(start, page.indexOf('</nav>', start));
  };

  it.each(Object.keys(opens))('shows a %s only their tools on every staff page they open', async (role) => {
    const person = role as keyof typeof people;
    const client = await as(people[person], STRONG_PASSWORD);
    const tools = (await client.get(`/b/${boardSlug}`)).body;
    for (const [name, path] of Object.entries(pages)) {
      const page = await client.get(path());
      expect({ name, status: page.status }).toEqual({ name, status: opens[person].includes(name) ? 200 : 403 });
      if (page.status !== 200) continue;
      // The same tools as the board page shows them, with their counts, and no link that would be refused.
      expect({ name, tools: toolsIn(nav(page.body)) }).toEqual({ name, tools: toolsIn(tools) });
      for (const other of ['review', 'moderation', 'insights', 'alerts', 'escalations'])
        expect({ name, other, linked: nav(page.body).includes(`href="/b/${boardSlug}/${other}`) }).toEqual({
          name,
          other,
          linked: toolsIn(tools).includes(other as never),
        });
      const current = /data-tool="([a-z]+)" aria-current="page"/.exec(nav(page.body))?.[1] ?? null;
      expect({ name, current }).toEqual({ name, current: name === 'thread' ? null : name });
    }
    const referrals = await client.get('/me/referrals');
    expect(referrals.status).toBe(person === 'staff' ? 200 : 403);
  });
});

describe('operator-wide insights', () => {
  it('shows an operator admin every board with the totals, and exports them as CSV', async () => {
    await ask(t, people.member, secondBoardSlug, { title: 'Is there 5G in the new mall?' });
    const client = await as(people.operatorAdmin, STRONG_PASSWORD);
    const desk = (await client.get('/me/staff')).body;
    expect(desk).toContain(`href="/o/${operatorSlug}/insights"`);
    const page = await client.get(`/o/${operatorSlug}/insights`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/b/${boardSlug}/insights"`);
    expect(page.body).toContain(`href="/b/${secondBoardSlug}/insights"`);
    expect(page.body).toContain(`href="/o/${operatorSlug}/insights.csv"`);
    const csv = await client.get(`/o/${operatorSlug}/insights.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const [header, ...rows] = csv.body.trimEnd().split('\n');
    const columns = header.split(',');
    const questions = columns.indexOf('questions');
    const bySlug = new Map(rows.map((row) => [row.split(',')[1], Number(row.split(',')[questions])]));
    expect(bySlug.get(secondBoardSlug)).toBe(1);
    expect(bySlug.get(operatorSlug)).toBe(bySlug.get(boardSlug)! + bySlug.get(secondBoardSlug)!);
  });
});

describe('support cases on the thread', () => {
  it('shows everyone that staff handle it, and only the asker and staff its state, never the private reason', async () => {
    const question = await ask(t, people.member, boardSlug, { title: 'My account is locked after travelling' });
    const path = `/t/${question.id}/my-account-is-locked-after-travelling`;
    const staff = await as(people.staff, STRONG_PASSWORD);
    await staff.get(`/b/${boardSlug}/escalations`);
    const opened = await staff.post(`/escalations/${question.id}/case`, {
      back: `/b/${boardSlug}/escalations?tier=CASE`,
      reason: 'Identity check needed (private)',
    });
    const queue = (await staff.get(opened.location!)).body;
    const caseId = /action="\/cases\/([0-9a-f]{24})\/state"/.exec(queue)![1];

    const asker = await as(people.member, STRONG_PASSWORD);
    const anonymous = clientsOn(() => t.baseUrl, '10.62.0').browser();
    for (const [client, state] of [
      [asker, 'OPEN'],
      [staff, 'OPEN'],
      [anonymous, null],
    ] as const) {
      const page = (await client.get(path)).body;
      expect(page).toContain('Staff are handling this question as a support case.');
      expect(/data-case-state="([A-Z_]+)"/.exec(page)?.[1] ?? null).toBe(state);
      expect(page).not.toContain('Identity check needed');
    }
    const moved = await staff.post(`/cases/${caseId}/state`, { back: path, state: 'WAITING_ON_CUSTOMER' });
    expect(moved.status).toBe(303);
    expect((await asker.get(path)).body).toContain('Waiting for your reply');
  });
});

describe('operator administration', () => {
  it('lets an operator admin create a board, change a threshold (errors beside the field) and grant a moderator', async () => {
    const client = await as(people.operatorAdmin, STRONG_PASSWORD);
    await client.get(`/o/${operatorSlug}/admin`);
    const taken = await client.post(`/o/${operatorSlug}/admin/boards`, {
      slug: boardSlug,
      title: 'Again',
      kind: 'PRODUCT',
    });
    expect(taken.status).toBe(400);
    expect(taken.body).toMatch(/id="f-slug-error">[^<]+</);
    const newSlug = `roaming-${Date.now().toString(36)}`;
    const created = await client.post(`/o/${operatorSlug}/admin/boards`, {
      slug: newSlug,
      title: 'Roaming',
      kind: 'REGION',
      region: 'GB',
    });
    expect(created.status).toBe(303);
    const settingsPage = await client.get(created.location!);
    expect(settingsPage.body).toContain('The board was created.');
    const form = Object.fromEntries(
      [
        ...settingsPage.body.matchAll(
          /name="((?:privileges|moderation|escalation|reputation)\.[a-zA-Z]+)"[^>]*value="([^"]*)"/g,
        ),
      ].map((m) => [m[1], m[2]]),
    );
    expect(form['moderation.hideThreshold']).toBe('3');
    const invalid = await client.post(`/o/${operatorSlug}/admin/b/${newSlug}/settings`, {
      ...form,
      'moderation.hideThreshold': '0',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatch(/id="s-moderation-hideThreshold-error">[^<]+</);
    expect(invalid.body).toContain('Nothing was saved');
    const saved = await client.post(`/o/${operatorSlug}/admin/b/${newSlug}/settings`, {
      ...form,
      'moderation.hideThreshold': '5',
    });
    expect(saved.status).toBe(303);
    expect((await client.get(saved.location!)).body).toMatch(/id="s-moderation-hideThreshold"[^>]*value="5"/);
    // Yes/no settings are checkboxes: an unticked one sends nothing and turns the setting off.
    expect(settingsPage.body).toContain('id="s-unverified-mayVote" name="unverifiedAccounts.mayVote" checked');
    const unticked = await client.post(`/o/${operatorSlug}/admin/b/${newSlug}/settings`, {
      ...form,
      'moderation.hideThreshold': '5',
      'unverifiedAccounts.shown': '1',
      'unverifiedAccounts.mayAnswer': 'on',
      'unverifiedAccounts.mayComment': 'on',
    });
    const after = (await client.get(unticked.location!)).body;
    expect(after).toContain('name="unverifiedAccounts.mayVote" />');
    expect(after).toContain('name="unverifiedAccounts.mayAnswer" checked');
    const granted = await client.post(`/o/${operatorSlug}/admin/b/${newSlug}/roles`, {
      handle: people.member.handle,
      role: 'MODERATOR',
    });
    expect((await client.get(granted.location!)).body).toContain('The role was granted.');
    const newModerator = await as(people.member, STRONG_PASSWORD);
    expect(toolsIn((await newModerator.get(`/b/${newSlug}`)).body)).toEqual([
      'review',
      'flags',
      'moderation',
      'insights',
      'alerts',
    ]);
    await client.post(`/o/${operatorSlug}/admin/b/${newSlug}/roles`, { handle: people.member.handle, role: '' });
    expect(toolsIn((await newModerator.get(`/b/${newSlug}`)).body)).toEqual([]);
    // Members never reach the administration.
    expect((await newModerator.get(`/o/${operatorSlug}/admin`)).status).toBe(403);
  });
});

describe('flags handled from the thread', () => {
  const flag = async (client: WebClient, postId: string, reason: string) => {
    await client.get(threadPath);
    const response = await client.post(`/p/${postId}/flag`, { t: thread.id, reason, note: '' });
    expect(response.status).toBe(303);
  };

  it('offers no preselected reason and no flag on your own post', async () => {
    const member = await as(people.member, STRONG_PASSWORD);
    const page = (await member.get(threadPath)).body;
    // The member asked this question: no flag form on it.
    expect(page).not.toContain('<select id="flag-');
    const other = await as(people.staff, STRONG_PASSWORD);
    const seen = (await other.get(threadPath)).body;
    expect(seen).toMatch(/<select id="flag-[0-9a-f]{24}" name="reason" required><option value="" selected disabled>/);
  });

  it('lets a moderator uphold a "needs staff" flag, decline one with a logged reason, and hide spam', async () => {
    const spam = await answer(t, people.staff, thread.id, 'Unrelated: cheap phones at example dot shop!!!');
    const reader = await as(people.member, STRONG_PASSWORD);
    await flag(reader, spam.id, 'SPAM');
    const questionId = /id="question"[\s\S]*?action="\/p\/([0-9a-f]{24})\/vote"/.exec(
      (await reader.get(threadPath)).body,
    )![1];
    const staffReader = await as(people.staff, STRONG_PASSWORD);
    await flag(staffReader, questionId, 'NEEDS_STAFF');

    const mod = await as(people.moderator, STRONG_PASSWORD);
    const page = (await mod.get(`/mod/t/${thread.id}`)).body;
    expect(page).not.toContain('aria-current="page"');
    const needsStaff = page.slice(page.indexOf(`id="flags-${questionId}"`));
    expect(needsStaff).toContain('Needs a staff member');
    // Upholding (keeping the post) comes first for a "needs staff" flag; hiding is secondary.
    expect(needsStaff.indexOf('value="UPHOLD"')).toBeLessThan(needsStaff.indexOf('value="HIDE"'));
    expect(page).not.toContain('NEEDS_STAFF<');
    for (const tool of ['lock', 'pin', 'move', 'merge']) expect(page).toContain(`action="/mod/t/${thread.id}/${tool}"`);

    const flagIdOf = (html: string, postId: string) =>
      /action="\/flags\/([0-9a-f]{24})\/resolve"/.exec(html.slice(html.indexOf(`id="flags-${postId}"`)))![1];
    const declined = await mod.post(`/flags/${flagIdOf(page, questionId)}/resolve`, {
      back: `/mod/t/${thread.id}`,
      outcome: 'DECLINED',
      reason: 'Answered already in the thread',
    });
    expect(declined.status).toBe(303);
    expect((await mod.get(declined.location!)).body).toContain('Flags declined.');

    const hidden = await mod.post(`/flags/${flagIdOf(page, spam.id)}/resolve`, {
      back: `/mod/t/${thread.id}`,
      outcome: 'HIDE',
      reason: 'Advertising',
    });
    const after = (await mod.get(hidden.location!)).body;
    expect(after).toContain('The post is hidden.');
    expect(after).toContain('No open flags on this thread.');

    const log = (await mod.get(`/b/${boardSlug}/moderation`)).body;
    expect(log).toContain('Flags declined');
    expect(log).toContain('Answered already in the thread');
    expect(log).toContain('Flags upheld');
    expect(log).toContain('Advertising');
  });

  it('names the field of a problem', async () => {
    const mod = await as(people.moderator, STRONG_PASSWORD);
    await mod.get(`/mod/t/${thread.id}`);
    const locked = await mod.post(`/mod/t/${thread.id}/lock`, { on: '1', reason: '' });
    const page = (await mod.get(locked.location!)).body;
    expect(page).toMatch(/Reason: /);
  });
});
