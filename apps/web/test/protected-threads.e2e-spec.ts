// Protected threads (SE "protected questions"): a moderator protects a thread from its moderation
// page or the API, the audit log records it, and answering then needs the board's
// answerProtected reputation — a new account is refused (API and site), a qualified user answers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import {
  createPlatformAdmin,
  registerUser,
  STRONG_PASSWORD,
  type TestUser,
} from '../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator, setBoardRole } from '../../../tests/e2e/support/boards.js';
import { answer, ask, vote } from '../../../tests/e2e/support/threads.js';
import { clientsOn } from './support/web-client.js';

let t: TestApp;
const { as, browser } = clientsOn(() => t.baseUrl, '10.62.0');
let moderator: TestUser;
let asker: TestUser;
let newcomer: TestUser;
let veteran: TestUser;
let boardSlug: string;

const POST_ANSWER = 'mutation ($t: ID!, $b: String!) { postAnswer(threadId: $t, body: $b) { id } }';
const PROTECT =
  'mutation ($t: ID!, $on: Boolean!) { protectThread(threadId: $t, reason: "Attracting thank-you answers", isProtected: $on) { isProtected } }';

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createPlatformAdmin(t);
  [moderator, asker, newcomer, veteran] = await Promise.all(Array.from({ length: 4 }, () => registerUser(t)));
  const operatorSlug = (await createOperator(t, admin, [])).slug;
  boardSlug = (await createBoard(t, admin, operatorSlug)).slug;
  await setBoardRole(t, admin, boardSlug, moderator.handle, 'MODERATOR');
  // The veteran earns 10 reputation here (1 + one upvote): the default answerProtected threshold.
  const earlier = await ask(t, asker, boardSlug, { title: 'Which APN settings does the prepaid plan use?' });
  const helpful = await answer(t, veteran, earlier.id, 'Use the APN "internet" with no user name.');
  const upvoted = await vote(t, moderator, helpful.id, 'UP');
  if (upvoted.errors) throw new Error(JSON.stringify(upvoted.errors));
});
afterAll(() => t.close());

describe('protected threads', () => {
  it('refuses a new account’s answer and takes a qualified user’s, over the API', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'Is there an outage in the north region today?' });
    const refused = await t.graphql(PROTECT, { t: thread.id, on: true }, { token: veteran.accessToken });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const protectedNow = await t.graphql(PROTECT, { t: thread.id, on: true }, { token: moderator.accessToken });
    expect(protectedNow.data?.protectThread).toEqual({ isProtected: true });
    const log = await t.graphql(
      'query ($b: String!) { moderationLog(boardSlug: $b, first: 1) { action targetId reason before after } }',
      { b: boardSlug },
      { token: moderator.accessToken },
    );
    expect(log.data!.moderationLog[0]).toMatchObject({
      action: 'PROTECT',
      targetId: thread.id,
      reason: 'Attracting thank-you answers',
    });
    expect(JSON.parse(log.data!.moderationLog[0].before).isProtected).toBe(false);
    expect(JSON.parse(log.data!.moderationLog[0].after).isProtected).toBe(true);

    const blocked = await t.graphql(
      POST_ANSWER,
      { t: thread.id, b: 'Same here, no signal since morning.' },
      { token: newcomer.accessToken },
    );
    expect(blocked.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PRIVILEGE_REQUIRED',
      details: { privilege: 'ANSWER_PROTECTED', required: 10 },
    });
    const allowed = await t.graphql(
      POST_ANSWER,
      { t: thread.id, b: 'Yes: the status page lists a fibre cut near the north hub.' },
      { token: veteran.accessToken },
    );
    expect(allowed.errors).toBeUndefined();
    const state = await t.graphql('query ($id: ID!) { thread(id: $id) { isProtected answerCount } }', {
      id: thread.id,
    });
    expect(state.data!.thread).toEqual({ isProtected: true, answerCount: 1 });

    // Lifted: the new account answers again.
    await t.graphql(PROTECT, { t: thread.id, on: false }, { token: moderator.accessToken });
    const after = await t.graphql(
      POST_ANSWER,
      { t: thread.id, b: 'It is back for me since noon.' },
      { token: newcomer.accessToken },
    );
    expect(after.errors).toBeUndefined();
  });

  it('is protected from the thread’s moderation page, shown on the thread, and enforced on the site', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'Why did my bill double this month?' });
    const mod = await as(moderator, STRONG_PASSWORD);
    const tools = await mod.get(`/mod/t/${thread.id}`);
    expect(tools.body).toContain(`action="/mod/t/${thread.id}/protect"`);
    const done = await mod.post(`/mod/t/${thread.id}/protect`, { on: '1', reason: 'Too many me-too answers' });
    expect(done.status).toBe(303);
    const page = await mod.get(done.location!);
    expect(page.body).toContain('The thread is protected');
    expect(page.body).toContain('Unprotect');

    const threadPath = (await browser().get(`/t/${thread.id}`)).location!;
    const reader = await browser().get(threadPath);
    expect(reader.body).toContain('This question is protected: answering it needs 10 reputation on this board.');

    const newcomerSite = await as(newcomer, STRONG_PASSWORD);
    await newcomerSite.get(threadPath);
    const refused = await newcomerSite.post(`/t/${thread.id}/answer`, { body: 'Mine doubled too, no idea why.' });
    expect(refused.status).toBe(303);
    const shown = await newcomerSite.get(refused.location!.split('#')[0]);
    expect(shown.body).toContain('You need 10 reputation');
    expect(shown.body).not.toContain('Mine doubled too');

    const veteranSite = await as(veteran, STRONG_PASSWORD);
    await veteranSite.get(threadPath);
    const posted = await veteranSite.post(`/t/${thread.id}/answer`, {
      body: 'The first bill after a plan change includes the part month.',
    });
    expect(posted.status).toBe(303);
    expect((await veteranSite.get(threadPath)).body).toContain('includes the part month');
  });
});
