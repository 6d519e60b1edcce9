import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxRelay } from '@helpboard/database';
import { DigestJob, EmailDelivery } from '@helpboard/notifications';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { mailIn } from './support/mail.js';
import { notificationsOf } from './support/notifications.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { answer, ask } from './support/threads.js';

describe('notification e-mail', () => {
  let t: TestApp;
  let dataDir: string;
  let board: { slug: string; id: string };

  // Notification mail only: sign-up also sends each user an account (verification) mail.
  const mailTo = (user: TestUser) =>
    mailIn(dataDir).filter((mail) => mail.headers.to === user.email && !mail.file.includes('/account-'));
  const delivered = () => t.app.get(OutboxRelay).nudge();
  const setChannel = (user: TestUser, kind: string, channel: string) =>
    t.graphql(
      'mutation ($k: NotificationKind!, $c: NotificationChannel!) { setNotificationPreference(kind: $k, channel: $c) { kind channel } }',
      { k: kind, c: channel },
      { token: user.accessToken },
    );
  const unsubscribeLink = (text: string) => /(http:\/\/\S+\/unsubscribe\?token=\S+)/.exec(text)![1];
  const channelOf = async (user: TestUser, kind: string) =>
    (
      await t.graphql('{ notificationPreferences { kind channel } }', {}, { token: user.accessToken })
    ).data!.notificationPreferences.find((p: { kind: string }) => p.kind === kind).channel;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'helpboard-mail-'));
    t = await startTestApp({ DATA_DIR: dataDir, PUBLIC_URL: 'http://helpboard.test' });
    const admin = await createPlatformAdmin(t);
    const owner = await registerUser(t);
    const operator = await createOperator(t, admin, [owner.handle]);
    board = await createBoard(t, owner, operator.slug);
  });
  afterAll(async () => {
    await t.close();
  });

  it('e-mails an answer in the asker’s language, once, with a signed one-click unsubscribe link', async () => {
    const [asker, answerer] = await Promise.all([registerUser(t), registerUser(t)]);
    await t.graphql(
      'mutation { updateProfile(input: { locale: ZH_CN }) { locale } }',
      {},
      { token: asker.accessToken },
    );
    await setChannel(asker, 'NEW_ANSWER', 'EMAIL');
    const question = await ask(t, asker, board.slug, { title: '国际漫游怎么开通？' });
    const posted = await answer(t, answerer, question.id, 'Dial *100# and choose roaming.');
    await delivered();

    const [mail] = mailTo(asker);
    expect(mailTo(asker)).toHaveLength(1);
    expect(mail.subject).toBe(`@${answerer.handle} 回答了你的问题“国际漫游怎么开通？”。`);
    // The link opens the site's thread page at the answer (it was a 404 at /threads/<id>).
    expect(mail.text).toContain(`查看: http://helpboard.test/t/${question.id}#a-${posted.id}`);
    const opened = await fetch(`${t.baseUrl}/t/${question.id}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain(`id="a-${posted.id}"`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = unsubscribeLink(mail.text);
    expect(mail.headers['list-unsubscribe']).toBe(`<${link}>`);

    // Delivered again by the outbox (at least once): still one message.
    const [notification] = await notificationsOf(t, asker);
    await t.app.get(EmailDelivery).deliverNotification(notification.id);
    expect(mailTo(asker)).toHaveLength(1);

    // Following the link (as mail scanners do) only asks; nothing changes until the button is pressed.
    const url = link.replace('http://helpboard.test', t.baseUrl);
    const page = await fetch(url, { headers: { 'accept-language': 'zh-CN' } });
    expect(page.status).toBe(200);
    const confirmation = await page.text();
    expect(confirmation).toContain('不再接收关于“新回答”的邮件？');
    expect(await channelOf(asker, 'NEW_ANSWER')).toBe('EMAIL');

    // The button posts the form back to the link, as a one-click mail client does; no sign-in needed.
    const action = /<form method="post" action="([^"]+)">/.exec(confirmation)![1].replaceAll('&amp;', '&');
    const done = await fetch(new URL(action, url), {
      method: 'POST',
      headers: { 'accept-language': 'zh-CN', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('你将不再收到关于“新回答”的邮件');
    expect(await channelOf(asker, 'NEW_ANSWER')).toBe('IN_APP');
    // The answers still show in the app afterwards.
    await answer(t, answerer, question.id, 'Or use the app: Settings → Roaming.');
    await delivered();
    expect(mailTo(asker)).toHaveLength(1);
    expect(await notificationsOf(t, asker)).toHaveLength(2);
  });

  it('rejects a forged or altered unsubscribe link with a friendly page and changes nothing', async () => {
    const [victim, asker, answerer] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    await setChannel(victim, 'NEW_ANSWER', 'EMAIL');
    await setChannel(asker, 'NEW_ANSWER', 'EMAIL');
    const question = await ask(t, asker, board.slug, { title: 'Why is my bill in euros?' });
    await answer(t, answerer, question.id, 'Your account region is set to Europe.');
    await delivered();
    const token = new URL(unsubscribeLink(mailTo(asker)[0].text)).searchParams.get('token')!;
    const [body, mac] = token.split('.');
    const forBody = (userId: string) => Buffer.from(`${userId}.NEW_ANSWER`).toString('base64url');
    const attempts = [
      `${forBody(victim.id)}.${mac}`, // someone else's id with the asker's signature
      `${body}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`, // an altered signature
      `${forBody(victim.id)}`, // no signature at all
      'nonsense',
    ];
    for (const forged of attempts) {
      const response = await fetch(`${t.baseUrl}/unsubscribe?token=${encodeURIComponent(forged)}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('This unsubscribe link is not valid');
    }
    const oneClick = await fetch(
      `${t.baseUrl}/unsubscribe?token=${encodeURIComponent(`${forBody(victim.id)}.${mac}`)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      },
    );
    expect(oneClick.status).toBe(400);
    expect(await channelOf(victim, 'NEW_ANSWER')).toBe('EMAIL');
    expect(await channelOf(asker, 'NEW_ANSWER')).toBe('EMAIL');
  });

  it('collects DIGEST notifications into one e-mail a day', async () => {
    const [reader, asker] = await Promise.all([registerUser(t), registerUser(t)]);
    await t.graphql(
      'mutation ($i: FollowInput!) { follow(input: $i) { targetType } }',
      { i: { boardSlug: board.slug } },
      { token: reader.accessToken },
    );
    await ask(t, asker, board.slug, { title: 'Is there a family plan with shared data?' });
    await ask(t, asker, board.slug, { title: 'How do I add a second SIM to my plan?' });
    const digests = t.app.get(DigestJob);
    expect(await digests.run()).toBe(0); // not a day old yet
    t.clock.advance(24 * 3_600_000);
    expect(await digests.run()).toBe(1);
    expect(await digests.run()).toBe(0); // collected once
    await delivered();

    const [digest] = mailTo(reader);
    expect(mailTo(reader)).toHaveLength(1);
    expect(digest.subject).toBe('Your Helpboard digest: 2 updates');
    expect(digest.text.indexOf('family plan')).toBeLessThan(digest.text.indexOf('second SIM'));
    // Every thread link in the digest opens its thread page (following the redirect to its slug).
    const links = [...digest.text.matchAll(/Open: http:\/\/helpboard\.test(\/t\/\S+)/g)].map((m) => m[1]);
    expect(links).toHaveLength(2);
    for (const link of links) expect((await fetch(`${t.baseUrl}${link}`)).status).toBe(200);
    const response = await fetch(unsubscribeLink(digest.text).replace('http://helpboard.test', t.baseUrl), {
      method: 'POST',
    });
    expect(response.status).toBe(200);
    const fresh = (await login(t, reader.handle)).data!.login;
    expect(await channelOf({ ...reader, accessToken: fresh.accessToken }, 'NEW_QUESTION')).toBe('IN_APP');
  });
});
