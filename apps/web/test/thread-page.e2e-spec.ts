// The thread page over HTTP: what anonymous readers and crawlers get (answers in order, labels,
// JSON-LD, canonical URL, ETag/304 until a change), and the actions signed-in readers take from
// it, with rule refusals shown next to the control.
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
let asker: TestUser;
let peer: TestUser;
let staff: TestUser;
let boardSlug: string;
let strictBoard: string;

const clients = clientsOn(() => t.baseUrl, '10.8.0');
const browser = clients.browser;
const as = (user: TestUser) => clients.as(user, STRONG_PASSWORD);

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createPlatformAdmin(t);
  [asker, peer, staff] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
  const operator = await createOperator(t, admin, [admin.handle]);
  boardSlug = (await createBoard(t, admin, operator.slug)).slug;
  strictBoard = (await createBoard(t, admin, operator.slug, { settings: { privileges: { upvote: 15 } } })).slug;
  await setBoardRole(t, admin, boardSlug, staff.handle, 'STAFF');
});
afterAll(() => t.close());

describe('the thread page', () => {
  it('shows anonymous readers the question and answers with JSON-LD, canonical URL and a revalidating ETag', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'How do I enable roaming in Spain?' });
    await answer(t, peer, thread.id, 'Open Settings → Roaming and switch it on.');
    // Links in e-mails sent before the fix pointed at /threads/<id> (a 404 then).
    const legacy = await browser().get(`/threads/${thread.id}`);
    expect(legacy.status).toBe(301);
    expect(legacy.location).toBe(`/t/${thread.id}`);
    const short = await browser().get(`/t/${thread.id}`);
    expect(short.status).toBe(301);
    expect(short.location).toBe(`/t/${thread.id}/how-do-i-enable-roaming-in-spain`);

    const page = await browser().get(short.location!);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Open Settings → Roaming and switch it on.');
    expect(page.body).toContain('"@type":"QAPage"');
    expect(page.body).toContain(`<link rel="canonical" href="${t.config.publicUrl}${short.location}"`);
    expect(page.body).toContain('og:title');
    expect(page.body).toContain('Log in to answer');
    expect(page.body).toContain('<h2 id="answers">1 answer</h2>');
    expect(page.body).toContain('<h1 lang="en">How do I enable roaming in Spain?</h1>');
    const etag = page.headers.get('etag')!;
    expect(page.headers.get('cache-control')).toContain('public');

    expect((await browser().get(short.location!, { 'if-none-match': etag })).status).toBe(304);
    await answer(t, staff, thread.id, 'You can also text ROAM ON to 1234.');
    const changed = await browser().get(short.location!, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.body).toContain('ROAM ON');
  });

  it('shows when each comment was written', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'Voicemail pin reset does not work' });
    const posted = await answer(t, peer, thread.id, 'Call 123 from your own phone and choose option 4.');
    const comment = await t.graphql(
      'mutation ($p: ID!, $b: String!) { addComment(postId: $p, body: $b) { id } }',
      { p: posted.id, b: 'Does the same work from abroad?' },
      { token: asker.accessToken },
    );
    const id = comment.data!.addComment.id as string;
    const page = await browser().get(`/t/${thread.id}/voicemail-pin-reset-does-not-work`);
    expect(page.body).toMatch(
      new RegExp(`<li id="c-${id}">[\\s\\S]*?<time class="muted small" datetime="\\d{4}-\\d{2}-\\d{2}T`),
    );
  });

  it('marks a Chinese question and answer as Chinese on an English page', async () => {
    const thread = await ask(t, asker, boardSlug, {
      title: '出国漫游怎么收费？按天还是按流量？',
      body: '出国以后漫游怎么收费，按天还是按流量？我的套餐是每月一百元的那种，没有包含国际漫游。',
    });
    await answer(t, peer, thread.id, '按天收费，每天 25 元，流量用完以后会降速，不会额外收费。');
    const page = await browser({ 'accept-language': 'en' }).get(
      `/t/${thread.id}/${encodeURIComponent('出国漫游怎么收费-按天还是按流量')}`,
    );
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('<h1 lang="zh-CN">出国漫游怎么收费？按天还是按流量？</h1>');
    expect(page.body).toMatch(/<div lang="zh-CN"><p>按天收费/);
  });

  it('lets a peer answer, the staff mark it official and the asker accept it, all from the page', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'Why is my bill higher this month?' });
    const path = `/t/${thread.id}/why-is-my-bill-higher-this-month`;
    const peerBrowser = await as(peer);
    await peerBrowser.get(path);
    const posted = await peerBrowser.post(`/t/${thread.id}/answer`, {
      body: 'Check the roaming charges section of the bill.',
    });
    expect(posted.status).toBe(303);
    const answerId = /#a-([0-9a-f]{24})/.exec(posted.location!)![1];

    const staffBrowser = await as(staff);
    const staffPage = await staffBrowser.get(path);
    expect(staffPage.body).toContain('Mark as official answer');
    await staffBrowser.post(`/p/${answerId}/official`, { t: thread.id, value: '1' });

    const askerBrowser = await as(asker);
    expect((await askerBrowser.get(path)).body).toContain('Accept this answer');
    await askerBrowser.post(`/p/${answerId}/accept`, { t: thread.id, value: '1' });

    const anonymous = await browser().get(path);
    expect(anonymous.body).toContain('Accepted answer');
    expect(anonymous.body).toContain('Official answer');
    expect(anonymous.body).toContain('"acceptedAnswer"');
  });

  it('shows the rule next to the control: voting on your own post, and a missing privilege with its threshold', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'Can I keep my number when switching?' });
    const askerBrowser = await as(asker);
    await askerBrowser.get(`/t/${thread.id}/can-i-keep-my-number-when-switching`);
    const refused = await askerBrowser.post(`/p/${thread.id}/vote`, { t: thread.id, direction: 'UP' });
    expect(refused.status).toBe(303);
    const withRule = await askerBrowser.get(refused.location!.split('#')[0]);
    expect(withRule.body).toMatch(new RegExp(`id="rule-vote-${thread.id}">You cannot vote on your own post.`));

    const strict = await ask(t, asker, strictBoard, { title: 'Is there a student discount?' });
    const newcomer = await as(await registerUser(t));
    await newcomer.get(`/t/${strict.id}/is-there-a-student-discount`);
    const json = await newcomer.post(
      `/p/${strict.id}/vote`,
      { t: strict.id, direction: 'UP' },
      { 'x-requested-with': 'fetch' },
    );
    expect(JSON.parse(json.body).message).toContain('15 reputation');
  });

  it('votes with the enhancing script and gets the new score back', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'How do I port my number?' });
    const peerBrowser = await as(peer);
    await peerBrowser.get(`/t/${thread.id}/how-do-i-port-my-number`);
    const response = await peerBrowser.post(
      `/p/${thread.id}/vote`,
      { t: thread.id, direction: 'UP' },
      { 'x-requested-with': 'fetch' },
    );
    expect(JSON.parse(response.body)).toEqual({ score: 1, vote: 'UP' });
  });

  it('lists the thread in the sitemap and answers an unknown thread with the 404 page', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'Sitemap me please' });
    expect((await browser().get('/sitemap.xml')).body).toContain(`/t/${thread.id}/sitemap-me-please`);
    const missing = await browser().get('/t/0123456789abcdef01234567/x');
    expect(missing.status).toBe(404);
  });
});
