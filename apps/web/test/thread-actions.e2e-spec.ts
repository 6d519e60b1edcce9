// More of what readers do from the thread and board pages over HTTP: follow and unfollow a
// thread or a board; edit a question's title and tags with the rules' messages shown; page
// through more answers than fit on one page (?answers=N, cached and revalidated like page 1).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import {
  createPlatformAdmin,
  registerUser,
  STRONG_PASSWORD,
  type TestUser,
} from '../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator } from '../../../tests/e2e/support/boards.js';
import { answer, ask } from '../../../tests/e2e/support/threads.js';
import { clientsOn } from './support/web-client.js';

let t: TestApp;
let asker: TestUser;
let peer: TestUser;
let boardSlug: string;
const BODY = 'My plan includes 30 GB of 5G data. Where can I see how much is left?';

const clients = clientsOn(() => t.baseUrl, '10.9.0');
const browser = clients.browser;
const as = (user: TestUser) => clients.as(user, STRONG_PASSWORD);

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createPlatformAdmin(t);
  [asker, peer] = await Promise.all([registerUser(t), registerUser(t)]);
  const operator = await createOperator(t, admin, [admin.handle]);
  boardSlug = (await createBoard(t, admin, operator.slug)).slug;
});
afterAll(() => t.close());

describe('thread and board actions', () => {
  it('follows and unfollows a thread from its page', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'Does eSIM work on my watch?' });
    const path = `/t/${thread.id}/does-esim-work-on-my-watch`;
    expect((await browser().get(path)).body).toContain(`/login?next=${encodeURIComponent(path)}">Follow</a>`);

    const reader = await as(peer);
    expect((await reader.get(path)).body).toContain(`action="/t/${thread.id}/follow"`);
    const followed = await reader.post(`/t/${thread.id}/follow`, {});
    expect(followed.status).toBe(303);
    const following = await reader.get(path);
    expect(following.body).toContain(`action="/t/${thread.id}/unfollow"`);
    expect(following.body).toMatch(/<button type="submit" class="secondary">Unfollow<\/button>/);

    await reader.get('/lang?to=zh-CN&next=/');
    expect((await reader.get(path)).body).toContain('取消关注');
    await reader.get('/lang?to=en&next=/');

    const unfollowed = await reader.post(`/t/${thread.id}/unfollow`, {});
    expect(unfollowed.status).toBe(303);
    expect((await reader.get(path)).body).toContain(`action="/t/${thread.id}/follow"`);
  });

  it('follows and unfollows a board from its page', async () => {
    const reader = await as(peer);
    expect((await reader.get(`/b/${boardSlug}`)).body).toContain('Follow this board');
    expect((await reader.post(`/b/${boardSlug}/follow`, {})).status).toBe(303);
    const following = await reader.get(`/b/${boardSlug}`);
    expect(following.body).toContain(`action="/b/${boardSlug}/unfollow"`);
    expect(following.body).toContain('Unfollow this board');
    expect((await reader.post(`/b/${boardSlug}/unfollow`, {})).status).toBe(303);
    expect((await reader.get(`/b/${boardSlug}`)).body).toContain(`action="/b/${boardSlug}/follow"`);
  });

  it("edits a question's title and tags from the page, with the rule's message next to the form", async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'Voicemail stopped working', tags: ['voicemail'] });
    const path = `/t/${thread.id}/voicemail-stopped-working`;
    const author = await as(asker);
    const page = await author.get(path);
    expect(page.body).toContain(`name="title" required value="Voicemail stopped working"`);
    expect(page.body).toContain(`name="tags" value="voicemail"`);

    const short = await author.post(`/p/${thread.id}/edit`, { t: thread.id, title: 'Help', tags: '', body: BODY });
    expect(short.status).toBe(303);
    const refused = await author.get(short.location!.split('#')[0]);
    expect(refused.body).toContain(
      `id="rule-edit-${thread.id}">Title: Must be between 15 and 150 characters long.</p>`,
    );
    await author.get('/lang?to=zh-CN&next=/');
    expect((await author.get(short.location!.split('#')[0])).body).toContain('标题：长度必须在 15 到 150 个字符之间。');
    await author.get('/lang?to=en&next=/');

    const saved = await author.post(`/p/${thread.id}/edit`, {
      t: thread.id,
      title: 'Voicemail stopped working after the update',
      tags: 'voicemail, update',
      body: BODY,
      summary: 'Clearer title',
    });
    expect(saved.status).toBe(303);
    const moved = await browser().get(path);
    expect(moved.status).toBe(301);
    expect(moved.location).toBe(`/t/${thread.id}/voicemail-stopped-working-after-the-update`);
    const edited = await browser().get(moved.location!);
    expect(edited.body).toContain('<h1 lang="en">Voicemail stopped working after the update</h1>');
    expect(edited.body).toContain(`href="/b/${boardSlug}/tags/update"`);
  });

  it('pages through answers past the first 50 at a stable URL, with ETag revalidation', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'Which APN settings work abroad?' });
    const path = `/t/${thread.id}/which-apn-settings-work-abroad`;
    const answerers = await Promise.all(Array.from({ length: 13 }, () => registerUser(t)));
    for (let round = 0; round < 4; round++) {
      await Promise.all(
        answerers.map((who, i) => answer(t, who, thread.id, `Answer ${round * 13 + i}: set the APN to internet.`)),
      );
    }
    const first = await browser().get(path);
    expect(first.body.match(/<article[^>]* id="a-/g)?.length).toBe(50);
    expect(first.body).toContain(`rel="next" href="${path}?answers=2#answers"`);

    const second = await browser().get(`${path}?answers=2`);
    expect(second.status).toBe(200);
    expect(second.body.match(/<article[^>]* id="a-/g)?.length).toBe(2);
    expect(second.body).toContain(`rel="prev" href="${path}#answers"`);
    expect(second.body).not.toContain('rel="next"');
    expect(second.body).toContain(`<link rel="canonical" href="${t.config.publicUrl}${path}?answers=2"`);
    expect(second.body).toContain('<h1 lang="en">Which APN settings work abroad?</h1>');
    const etag = second.headers.get('etag')!;
    expect(etag).not.toBe(first.headers.get('etag'));
    expect((await browser().get(`${path}?answers=2`, { 'if-none-match': etag })).status).toBe(304);
    await answer(t, asker, thread.id, 'Late answer: the carrier app sets it for you.');
    const changed = await browser().get(`${path}?answers=2`, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.body).toContain('Late answer');

    const renamed = await browser().get(`/t/${thread.id}/old-slug?answers=2`);
    expect(renamed.status).toBe(301);
    expect(renamed.location).toBe(`${path}?answers=2`);
    expect((await browser().get(`${path}?answers=3`)).status).toBe(404);
    expect((await browser().get(`${path}?answers=two`)).status).toBe(404);
  }, 60_000);
});
