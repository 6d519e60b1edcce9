// A new customer's whole account loop in Chromium on a phone, in English and in Chinese: sign up,
// confirm the address from the .eml file, choose e-mail for answers in settings, follow a board,
// ask, see the bell count an answer live (no reload), find it in the inbox and in an e-mail whose
// link opens the answer, follow a tag from the tag index (a new question with it reaches the
// inbox), then forget the password and reset it from the mailed link. On the way: upload an
// avatar in settings, and write the question with the Markdown toolbar, uploading an image from
// it. Every new page gets an axe-core scan (no serious or critical violation).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { OutboxRelay } from '@helpboard/database';
import { startTestApp, type TestApp } from '../e2e/support/test-app.js';
import { createPlatformAdmin, registerUser, STRONG_PASSWORD, type TestUser } from '../e2e/support/accounts.js';
import { createBoard, createOperator } from '../e2e/support/boards.js';
import { mailIn } from '../e2e/support/mail.js';
import { answer, ask } from '../e2e/support/threads.js';
import { launchChromium, PHONE, screenshot, seriousViolations, type TestBrowser } from './support/chromium.js';

const NEW_PASSWORD = 'a fresh passphrase for my phone';
let t: TestApp;
let chromium: TestBrowser;
let peer: TestUser;
let boardSlug: string;

beforeAll(async () => {
  t = await startTestApp();
  chromium = await launchChromium();
  const admin = await createPlatformAdmin(t);
  peer = await registerUser(t);
  const operator = await createOperator(t, admin, [admin.handle]);
  boardSlug = (await createBoard(t, admin, operator.slug, { tags: ['roaming'] })).slug;
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await t?.close();
});

/** The link in the newest mail to `to` whose subject matches, as a path on the test server. */
async function mailedLink(to: string, subject: RegExp): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    await t.app.get(OutboxRelay).nudge();
    const mail = mailIn(t.config.dataDir)
      .filter((m) => m.headers.to === to && subject.test(m.subject))
      .at(-1);
    const link = mail && /https?:\/\/[^/\s]+(\/\S+)/.exec(mail.text)?.[1];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${to} matching ${subject}`);
}

async function scan(page: Page, name: string, problems: string[]): Promise<void> {
  problems.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
  await screenshot(page, name);
}

/** The width an image was decoded at in the page (0 when it did not load). */
const naturalWidth = (page: Page, selector: string) =>
  page.locator(selector).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);

const submit = (page: Page, form: string) =>
  Promise.all([
    page.waitForLoadState('load'),
    page.locator(`form[action="${form}"] button[type=submit]`).first().click(),
  ]);

describe('the account loop on a phone', () => {
  it.each(['en', 'zh-CN'] as const)(
    'works end to end in %s',
    async (locale) => {
      const problems: string[] = [];
      // axe is injected as a script, which the site's CSP would rightly refuse.
      const context: BrowserContext = await chromium.context({ ...PHONE, locale, bypassCSP: true });
      const page = await context.newPage();
      const base = t.baseUrl;
      const handle = `loop${locale === 'en' ? 'en' : 'zh'}${Date.now() % 100000}`;
      const email = `${handle}@example.com`;

      await page.goto(`${base}/lang?to=${locale}&next=/signup`);
      await page.fill('input[name=email]', email);
      await page.fill('input[name=handle]', handle);
      await page.fill('input[name=password]', STRONG_PASSWORD);
      await submit(page, '/signup');
      await scan(page, `signup-sent.${locale}`, problems);
      await expect(page.locator('.notice.info').count()).resolves.toBe(1);

      // The account is made (and signed in) from the link in the .eml file.
      await page.goto(`${base}${await mailedLink(email, /./)}`);
      await scan(page, `complete-signup.${locale}`, problems);
      await submit(page, '/complete-signup');
      await expect(page.locator('header [data-bell]').count()).resolves.toBe(1);

      // Answers by e-mail, chosen in settings.
      await page.goto(`${base}/settings`);
      await scan(page, `settings.${locale}`, problems);
      await page.selectOption('select[name=NEW_ANSWER]', 'EMAIL');
      await submit(page, '/settings/notifications');
      await expect(page.locator('select[name=NEW_ANSWER]').inputValue()).resolves.toBe('EMAIL');

      // A picture: uploaded in settings, then shown in the header.
      const picture = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a7' } })
        .jpeg()
        .toBuffer();
      await page.setInputFiles('#f-avatar', { name: 'me.jpg', mimeType: 'image/jpeg', buffer: picture });
      await Promise.all([
        page.waitForURL(/saved=avatar/),
        page.locator('form[action^="/settings/avatar?"] button[type=submit]').click(),
      ]);
      await expect(naturalWidth(page, 'header img.avatar')).resolves.toBe(256);

      // Follow the board, ask there, with the toolbar and an image uploaded from it.
      await page.goto(`${base}/b/${boardSlug}`);
      await submit(page, `/b/${boardSlug}/follow`);
      await page.goto(`${base}/b/${boardSlug}/images/new`);
      await scan(page, `upload-image.${locale}`, problems);
      await page.goto(`${base}/b/${boardSlug}/ask`);
      await page.fill(
        '#ask-title',
        locale === 'en' ? 'Roaming data stopped in Tokyo today' : '在东京漫游数据今天突然不能用了',
      );
      await page.fill(
        'textarea[name=body]',
        'Data roaming is on, the phone shows the network, but nothing loads at all.',
      );
      await page.locator('#f-body').selectText();
      await page.locator('[data-toolbar] button[data-md=bold]').click();
      await expect(page.locator('#f-body').inputValue()).resolves.toMatch(/^\*\*Data roaming[^*]+\*\*$/);
      await page.locator('#f-body').press('End');
      await page.setInputFiles('[data-image-file]', { name: 'screen.jpg', mimeType: 'image/jpeg', buffer: picture });
      // The status line says so once the image's Markdown is in.
      await page.waitForFunction(
        "(s => s.textContent === s.getAttribute('data-uploaded'))(document.querySelector('[data-composer-status]'))",
      );
      await expect(page.locator('#f-body').inputValue()).resolves.toMatch(/\n\n!\[\]\(\/files\/posts\/[^)]+\)\n$/);
      await scan(page, `ask.${locale}`, problems);
      await page.fill('input[name=tags]', 'roaming');
      await Promise.all([
        page.waitForURL(/\/t\/[0-9a-f]{24}\//),
        page.locator('button[name=action][value=ask]').click(),
      ]);
      const threadId = /\/t\/([0-9a-f]{24})\//.exec(page.url())![1];
      await expect(naturalWidth(page, '#question img[src^="/files/posts/"]')).resolves.toBe(640);

      // An answer arrives: the bell counts it without a reload.
      await page.goto(`${base}/`);
      await page.waitForTimeout(300); // the script subscribes after the page loads
      const posted = await answer(t, peer, threadId, 'Pick the partner network by hand under Mobile networks.');
      await page.locator('header [data-unread]:not([hidden])').waitFor({ timeout: 10_000 });
      await expect(page.locator('header [data-unread]').textContent()).resolves.toBe('1');

      await page.goto(`${base}/inbox`);
      await scan(page, `inbox.${locale}`, problems);
      await expect(page.locator('.inbox li.unread').count()).resolves.toBe(1);

      // The e-mail's link opens the answer.
      const link = await mailedLink(email, /answered|回答/);
      await page.goto(`${base}${link}`);
      expect(page.url()).toContain(`#a-${posted.id}`);
      await expect(page.locator(`#a-${posted.id}`).count()).resolves.toBe(1);

      // Find the tag from the board's tag index, follow it: a new question with it reaches the inbox.
      await page.goto(`${base}/b/${boardSlug}/tags`);
      await scan(page, `tags.${locale}`, problems);
      await Promise.all([page.waitForURL(/\/tags\/roaming$/), page.locator('.tag-list a.tag').first().click()]);
      await scan(page, `tag.${locale}`, problems);
      await submit(page, `/b/${boardSlug}/tags/roaming/follow`);
      await expect(page.locator(`form[action="/b/${boardSlug}/tags/roaming/unfollow"]`).count()).resolves.toBe(1);
      await ask(t, peer, boardSlug, { title: 'Roaming pass not activating in Seoul', tags: ['roaming'] });
      await page.goto(`${base}/inbox`);
      await expect(
        page.locator('.inbox li.unread', { hasText: 'Roaming pass not activating in Seoul' }).count(),
      ).resolves.toBe(1);
      await page.goto(`${base}/u/${handle}`);
      await scan(page, `profile.${locale}`, problems);

      // Log out, forget the password, reset it from the mailed link, log in with the new one.
      await submit(page, '/logout');
      await page.goto(`${base}/forgot-password`);
      await scan(page, `forgot-password.${locale}`, problems);
      await page.fill('input[name=email]', email);
      await submit(page, '/forgot-password');
      await page.goto(`${base}${await mailedLink(email, /password|密码/)}`);
      await scan(page, `reset-password.${locale}`, problems);
      await page.fill('input[name=password]', NEW_PASSWORD);
      await submit(page, '/reset-password');
      await page.goto(`${base}/login`);
      await page.fill('input[name=identifier]', handle);
      await page.fill('input[name=password]', NEW_PASSWORD);
      await Promise.all([
        page.waitForURL(`${base}/`),
        page.locator('form[action="/login"] button[type=submit]').click(),
      ]);
      await expect(page.locator(`header a[href="/u/${handle}"]`).count()).resolves.toBe(1);

      expect(problems).toEqual([]);
    },
    120_000,
  );
});
