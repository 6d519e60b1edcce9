// The inbox, the bell and the settings page over HTTP: unread notifications first, the bell's
// count on every page, each notification opening at its answer or comment (and marked read),
// mark all read, paging; settings sections saved or refused next to their fields; e-mail
// preferences change what gets mailed; sessions listed and ended; the password changed.
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
let boardSlug: string;
const clients = clientsOn(() => t.baseUrl, '10.6.0');
const as = (user: TestUser) => clients.as(user, STRONG_PASSWORD);
const bellCount = (body: string) => /data-unread(?: hidden)?>(\d+)</.exec(body)?.[1];

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createPlatformAdmin(t);
  const operator = await createOperator(t, admin, [admin.handle]);
  boardSlug = (await createBoard(t, admin, operator.slug)).slug;
});
afterAll(() => t.close());

describe('the inbox and the bell', () => {
  it('shows unread first, opens each at its answer and marks it read, and counts on every page', async () => {
    const [asker, peer] = await Promise.all([registerUser(t), registerUser(t)]);
    const first = await ask(t, asker, boardSlug, { title: 'Voicemail greeting will not save' });
    const second = await ask(t, asker, boardSlug, { title: 'Hotspot drops after ten minutes' });
    const one = await answer(t, peer, first.id, 'Record it again from the visual voicemail app.');
    const two = await answer(t, peer, second.id, 'Turn off the battery saver for the hotspot.');

    const b = await as(asker);
    const home = await b.get('/');
    expect(bellCount(home.body)).toBe('2');
    expect(home.body).toContain('aria-label="Notifications: 2 unread"');
    const inbox = await b.get('/inbox');
    expect(inbox.status).toBe(200);
    const unread = /<section[^>]*inbox-unread[\s\S]*?<\/section>/.exec(inbox.body)![0];
    expect(unread.indexOf('Hotspot drops')).toBeLessThan(unread.indexOf('Voicemail greeting'));

    const openId = /href="\/inbox\/open\/([0-9a-f]{24})">[^<]*Voicemail/.exec(inbox.body)![1];
    const opened = await b.get(`/inbox/open/${openId}`);
    expect(opened.status).toBe(303);
    expect(opened.location).toBe(`/t/${first.id}#a-${one.id}`);
    const thread = await b.get(opened.location!.split('#')[0]);
    expect(thread.status).toBe(301);
    expect((await b.get(thread.location!)).body).toContain(`id="a-${one.id}"`);
    expect(bellCount((await b.get('/')).body)).toBe('1');

    const after = await b.get('/inbox');
    const earlier = /<section[^>]*inbox-earlier[\s\S]*?<\/section>/.exec(after.body)![0];
    expect(earlier).toContain('Voicemail greeting');
    await b.post('/inbox/read-all', {});
    expect(bellCount((await b.get('/')).body)).toBe('0');
    expect((await b.get('/inbox')).body).toContain('Nothing new.');
    expect(two.id).toBeTruthy();
  });

  it('pages a long inbox and never opens someone else’s notification', async () => {
    const [asker, peer, stranger] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    const question = await ask(t, asker, boardSlug, { title: 'Which plan has the most roaming data?' });
    // One after another: parallel answers to one thread contend on it and retry for long.
    for (let i = 0; i < 21; i++) await answer(t, peer, question.id, `Plan number ${i} has ${i + 1} GB of roaming.`);
    const b = await as(asker);
    const page = await b.get('/inbox');
    expect(page.body.match(/href="\/inbox\/open\//g)).toHaveLength(20);
    const more = /href="(\/inbox\?unread=[^"]+)"/.exec(page.body)![1];
    const next = await b.get(more.replace(/&amp;/g, '&'));
    expect(next.body.match(/href="\/inbox\/open\//g)).toHaveLength(1);

    const id = /href="\/inbox\/open\/([0-9a-f]{24})"/.exec(page.body)![1];
    const other = await as(stranger);
    const refused = await other.get(`/inbox/open/${id}`);
    expect(refused.location).toBe('/inbox');
    expect(bellCount((await b.get('/')).body)).toBe('21');
  });

  it('sends an anonymous reader to log in', async () => {
    const response = await clients.browser().get('/inbox');
    expect(response.status).toBe(303);
    expect(response.location).toContain('/login?next=');
  });
});

describe('settings', () => {
  it('saves the profile and language, and refuses a too long name next to its field', async () => {
    const user = await registerUser(t);
    const b = await as(user);
    await b.get('/settings');
    const bad = await b.post('/settings/profile', { displayName: 'x'.repeat(51), bio: '', region: '', locale: 'en' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatch(/name="displayName"[^>]*aria-invalid="true"/);
    const saved = await b.post('/settings/profile', {
      displayName: 'Roaming Fan',
      bio: 'I travel a lot.',
      region: 'Shanghai',
      locale: 'zh-CN',
    });
    expect(saved.location).toBe('/settings?saved=profile#profile');
    const page = await b.get('/settings?saved=profile');
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain('个人资料已保存。');
    expect(page.body).toContain('value="Roaming Fan"');
  });

  it('saves the channel chosen for each kind of notification', async () => {
    const asker = await registerUser(t);
    const b = await as(asker);
    await b.get('/settings');
    const saved = await b.post('/settings/notifications', { NEW_ANSWER: 'EMAIL', NEW_COMMENT: 'OFF' });
    expect(saved.status).toBe(303);
    const prefs = await t.graphql('{ notificationPreferences { kind channel } }', {}, { token: asker.accessToken });
    const channel = (kind: string) =>
      prefs.data!.notificationPreferences.find((p: { kind: string }) => p.kind === kind).channel;
    expect(channel('NEW_ANSWER')).toBe('EMAIL');
    expect(channel('NEW_COMMENT')).toBe('OFF');
    expect((await b.get('/settings')).body).toMatch(/<option value="EMAIL" selected>/);
  });

  it('lists signed-in devices and logs out the others; changes the password with the current one', async () => {
    const user = await registerUser(t);
    const phone = await as(user);
    const laptop = await as(user);
    await laptop.get('/settings');
    const page = await laptop.get('/settings');
    expect(page.body).toContain('this device');
    expect(page.body.match(/<li><strong>/g)!.length).toBeGreaterThanOrEqual(3);
    await laptop.post('/settings/sessions/end-others', {});
    expect((await phone.get('/')).body).not.toContain(`/u/${user.handle}`);
    expect((await laptop.get('/')).body).toContain(`/u/${user.handle}`);

    const wrong = await laptop.post('/settings/password', {
      currentPassword: 'nope',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('The current password is wrong.');
    const changed = await laptop.post('/settings/password', {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.location).toBe('/settings?saved=password#password');
  });
});
