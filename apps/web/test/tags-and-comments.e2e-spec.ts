// The tag index and tag pages (follow, top answerers, moderators' descriptions), and the thread
// page's forms for editing and deleting comments and deleting your own post — all without script.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import {
  createPlatformAdmin,
  registerUser,
  STRONG_PASSWORD,
  type TestUser,
} from '../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator, setBoardRole } from '../../../tests/e2e/support/boards.js';
import { answer, ask, comment, vote } from '../../../tests/e2e/support/threads.js';
import { notificationsOf } from '../../../tests/e2e/support/notifications.js';
import { clientsOn } from './support/web-client.js';

let t: TestApp;
let asker: TestUser;
let peer: TestUser;
let mod: TestUser;
let operatorAdmin: TestUser;
let boardSlug: string;
let privateSlug: string;

const clients = clientsOn(() => t.baseUrl, '10.9.7');
const browser = clients.browser;
const as = (user: TestUser) => clients.as(user, STRONG_PASSWORD);

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createPlatformAdmin(t);
  [asker, peer, mod, operatorAdmin] = await Promise.all(Array.from({ length: 4 }, () => registerUser(t)));
  const operator = await createOperator(t, admin, [operatorAdmin.handle]);
  boardSlug = (await createBoard(t, operatorAdmin, operator.slug)).slug;
  privateSlug = (await createBoard(t, operatorAdmin, operator.slug, { visibility: 'PRIVATE' })).slug;
  await setBoardRole(t, operatorAdmin, boardSlug, mod.handle, 'MODERATOR');
});
afterAll(() => t.close());

describe('tags', () => {
  it('lists tags with counts, filters them by name, and links each to its page', async () => {
    await ask(t, asker, boardSlug, { title: 'Why is roaming data so slow in Japan?', tags: ['roaming', 'japan'] });
    await ask(t, asker, boardSlug, { title: 'Does roaming work on the Asia pass?', tags: ['roaming'] });
    const index = await browser().get(`/b/${boardSlug}/tags`);
    expect(index.status).toBe(200);
    expect(index.body).toContain(`<a class="tag" href="/b/${boardSlug}/tags/roaming">roaming</a>`);
    expect(index.body).toContain('2 questions');
    expect(index.body).toContain('1 question<');
    const filtered = await browser().get(`/b/${boardSlug}/tags?q=ja`);
    expect(filtered.body).toContain(`/tags/japan"`);
    expect(filtered.body).not.toContain(`/tags/roaming"`);
    expect(filtered.body).toContain('1 tag<');
    // Tags everywhere link to their page: the board list and the thread page.
    expect((await browser().get(`/b/${boardSlug}`)).body).toContain(`href="/b/${boardSlug}/tags/japan"`);
  });

  it("shows a tag's questions and top answerers, and follows it so new questions reach the inbox", async () => {
    const q = await ask(t, asker, boardSlug, { title: 'How do I set up visual voicemail?', tags: ['voicemail'] });
    const a = await answer(t, peer, q.id, 'Open Phone → Voicemail and tap Set up now.');
    await vote(t, asker, a.id, 'UP');
    const page = await browser().get(`/b/${boardSlug}/tags/voicemail`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Questions tagged voicemail');
    expect(page.body).toContain('How do I set up visual voicemail?');
    expect(page.body).toMatch(
      new RegExp(`href="/u/${peer.handle}">[^<]+</a> <span class="muted small">1 answer, score 1`),
    );
    expect(page.body).toContain(`/login?next=${encodeURIComponent(`/b/${boardSlug}/tags/voicemail`)}`);

    const follower = await as(mod);
    await follower.get(`/b/${boardSlug}/tags/voicemail`);
    expect((await follower.post(`/b/${boardSlug}/tags/voicemail/follow`, {})).status).toBe(303);
    const following = await follower.get(`/b/${boardSlug}/tags/voicemail`);
    expect(following.body).toContain(`action="/b/${boardSlug}/tags/voicemail/unfollow"`);
    await ask(t, peer, boardSlug, { title: 'Voicemail greeting keeps resetting itself', tags: ['voicemail'] });
    expect((await notificationsOf(t, mod)).map((n) => n.kind)).toEqual(['NEW_QUESTION']);
    expect((await follower.get('/inbox')).body).toContain('Voicemail greeting keeps resetting itself');
    expect((await browser().get(`/b/${boardSlug}/tags/no-such-tag`)).status).toBe(404);
  });

  it('lets moderators describe a tag (audited) and shows the description; others get no form', async () => {
    const path = `/b/${boardSlug}/tags/roaming`;
    expect((await (await as(peer)).get(path)).body).not.toContain(`action="${path}/describe"`);
    const moderator = await as(mod);
    expect((await moderator.get(path)).body).toContain(`action="${path}/describe"`);
    const long = await moderator.post(`${path}/describe`, { description: 'x'.repeat(501) });
    expect(long.location).toContain('problem=long');
    expect((await moderator.get(long.location!.split('#')[0])).body).toContain('Use at most 500 characters.');
    const saved = await moderator.post(`${path}/describe`, { description: 'Using your plan outside the country.' });
    expect(saved.status).toBe(303);
    expect((await browser().get(path)).body).toContain('<p>Using your plan outside the country.</p>');
    expect((await browser().get(`/b/${boardSlug}/tags`)).body).toContain('Using your plan outside the country.');

    const peerClient = await as(peer);
    await peerClient.get(path);
    expect((await peerClient.post(`${path}/describe`, { description: 'Vandalised' })).status).toBe(403);
    const log = await t.graphql(
      'query ($b: String!) { moderationLog(boardSlug: $b, first: 50) { action targetType reason } }',
      { b: boardSlug },
      { token: mod.accessToken },
    );
    expect(log.data!.moderationLog).toContainEqual({ action: 'DESCRIBE_TAG', targetType: 'tag', reason: 'roaming' });
  });

  it("answers a private board's tags to its readers only, on the site and in the API", async () => {
    await ask(t, operatorAdmin, privateSlug, { title: 'Partner programme launch checklist', tags: ['launch'] });
    expect((await browser().get(`/b/${privateSlug}/tags`)).status).toBe(404);
    expect((await (await as(peer)).get(`/b/${privateSlug}/tags/launch`)).status).toBe(404);
    expect((await (await as(operatorAdmin)).get(`/b/${privateSlug}/tags/launch`)).status).toBe(200);
    const describe = 'mutation { describeTag(boardSlug: "%s", tag: "launch", description: "Leaked?") { name } }';
    const refused = await t.graphql(describe.replace('%s', privateSlug), {}, { token: peer.accessToken });
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const tags =
      'query ($s: String!) { board(slug: $s) { questionTagCount questionTag(name: "launch") { questionCount topAnswerers { answers } } } }';
    expect((await t.graphql(tags, { s: privateSlug }, { token: peer.accessToken })).data?.board ?? null).toBeNull();
    expect((await t.graphql(tags, { s: privateSlug }, { token: operatorAdmin.accessToken })).data?.board).toEqual({
      questionTagCount: 1,
      questionTag: { questionCount: 1, topAnswerers: [] },
    });
  });
});

describe('comment and post forms', () => {
  it('edits a comment within five minutes and deletes it, from the thread page', async () => {
    const q = await ask(t, asker, boardSlug, { title: 'Can I pause my plan while abroad?' });
    const added = (await comment(t, asker, q.id, 'I travel for three months.')).data!.addComment;
    const author = await as(asker);
    const path = `/t/${q.id}`;
    const page = await author.get((await author.get(path)).location!);
    expect(page.body).toContain(`action="/c/${added.id}/edit"`);
    const edited = await author.post(`/c/${added.id}/edit`, { t: q.id, body: 'I travel for four months.' });
    expect(edited.location).toBe(`/t/${q.id}#c-${added.id}`);
    const after = await author.get((await author.get(path)).location!);
    expect(after.body).toContain('I travel for four months.');
    expect(after.body).toContain('(edited)');

    t.clock.advance(6 * 60_000);
    const late = await author.get((await author.get(path)).location!);
    expect(late.body).not.toContain(`action="/c/${added.id}/edit"`);
    expect(late.body).toContain(`action="/c/${added.id}/delete"`);
    expect((await author.post(`/c/${added.id}/delete`, { t: q.id })).location).toBe(`/t/${q.id}#comments-${q.id}`);
    expect((await browser().get((await browser().get(path)).location!)).body).not.toContain('four months');
  });

  it("deletes the author's own answer, and says why a question others rely on stays", async () => {
    const q = await ask(t, asker, boardSlug, { title: 'Is Wi-Fi calling free when abroad?' });
    const a = await answer(t, peer, q.id, 'Yes, Wi-Fi calls to home numbers are free.');
    await answer(t, mod, q.id, 'Calls to local numbers abroad are charged.');
    const author = await as(asker);
    const path = (await author.get(`/t/${q.id}`)).location!;
    expect((await author.get(path)).body).toContain(`action="/p/${q.id}/delete"`);
    const refused = await author.post(`/p/${q.id}/delete`, { t: q.id });
    const shown = await author.get(refused.location!.split('#')[0]);
    expect(shown.body).toContain('A question with several answers cannot be deleted by its author.');

    const answerer = await as(peer);
    await answerer.get(path);
    expect((await answerer.post(`/p/${a.id}/delete`, { t: q.id })).location).toBe(`/t/${q.id}#answers`);
    expect((await browser().get(path)).body).not.toContain('Wi-Fi calls to home numbers are free.');
  });
});
