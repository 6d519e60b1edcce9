// The thread page is built once per thread snapshot and shared by every reader; each signed-in
// reader's own votes, follow state and answers show on their very next page load, and what
// only moderators may see stays theirs.
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
import { clientsOn } from './support/web-client.js';

let t: TestApp;
let admin: TestUser;
let asker: TestUser;
let answerer: TestUser;
let reader: TestUser;
let boardSlug: string;

const clients = clientsOn(() => t.baseUrl, '10.9.4');
const as = (user: TestUser) => clients.as(user, STRONG_PASSWORD);
const pressed = (body: string, postId: string, direction: 'UP' | 'DOWN') =>
  new RegExp(`action="/p/${postId}/vote"[\\s\\S]*?data-dir="${direction}" value="[A-Z]+" aria-pressed="true"`).test(
    body.slice(body.indexOf(`action="/p/${postId}/vote"`), body.indexOf(`action="/p/${postId}/vote"`) + 2000),
  );

beforeAll(async () => {
  t = await startTestApp();
  admin = await createPlatformAdmin(t);
  [asker, answerer, reader] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
  const operator = await createOperator(t, admin, [admin.handle]);
  boardSlug = (await createBoard(t, admin, operator.slug)).slug;
});
afterAll(() => t.close());

describe('thread page overlay', () => {
  it("shows a signed-in reader's own vote, follow and answer on the very next load", async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'Why does my 5G drop in the metro?' });
    const first = await answer(t, answerer, thread.id, 'Toggle airplane mode when you enter the station.');
    const path = `/t/${thread.id}/why-does-my-5g-drop-in-the-metro`;
    const browser = await as(reader);
    const before = (await browser.get(path)).body; // the snapshot is warm from here on
    expect(pressed(before, first.id, 'UP')).toBe(false);

    expect((await browser.post(`/p/${first.id}/vote`, { t: thread.id, direction: 'UP' })).status).toBe(303);
    expect(pressed((await browser.get(path)).body, first.id, 'UP')).toBe(true);
    // The asker shares the snapshot but not the reader's vote.
    expect(pressed((await (await as(asker)).get(path)).body, first.id, 'UP')).toBe(false);

    expect((await browser.post(`/t/${thread.id}/follow`, {})).status).toBe(303);
    expect((await browser.get(path)).body).toContain(`action="/t/${thread.id}/unfollow"`);

    const posted = await browser.post(`/t/${thread.id}/answer`, { body: 'Switching to 4G only helps me too.' });
    expect(posted.status).toBe(303);
    const answerId = /#a-([0-9a-f]{24})/.exec(posted.location!)![1];
    expect((await browser.get(path)).body).toContain(`id="a-${answerId}"`);
  });

  it('shows a hidden answer to the moderator only, though both read the same thread', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'Can I keep my number when I move?' });
    const hidden = await answer(t, answerer, thread.id, 'Buy my number-porting service, very cheap.');
    const hide = await t.graphql(
      'mutation ($id: ID!) { hidePost(postId: $id, isHidden: true, reason: "spam") { id } }',
      { id: hidden.id },
      { token: admin.accessToken },
    );
    expect(hide.errors).toBeUndefined();
    const path = `/t/${thread.id}/can-i-keep-my-number-when-i-move`;
    const readerPage = (await (await as(reader)).get(path)).body;
    expect(readerPage).not.toContain(`id="a-${hidden.id}"`);
    const moderator = await registerUser(t);
    expect((await setBoardRole(t, admin, boardSlug, moderator.handle, 'MODERATOR')).errors).toBeUndefined();
    const moderatorPage = (await (await as(moderator)).get(path)).body;
    expect(moderatorPage).toContain(`id="a-${hidden.id}"`);
    expect((await (await as(reader)).get(path)).body).not.toContain(`id="a-${hidden.id}"`);
  });
});
