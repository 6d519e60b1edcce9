// The staff pages in a real browser (Chromium via playwright-core) against the real app: a rep
// sees a commission appear after a partner's signed conversion, an operator opens the insights
// dashboard, the escalation queue and the alerts, a moderator hides a spam answer from the review queue; an
// axe-core scan of these pages finds no serious or critical violation, and each page is saved as
// a screenshot in English and Chinese.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { STRONG_PASSWORD } from '../e2e/support/accounts.js';
import { startTestApp, type TestApp } from '../e2e/support/test-app.js';
import { signedConversion, type StaffStory, staffStory } from '../../apps/web/test/support/staff-story.js';
import {
  launchChromium,
  PHONE,
  screenshot,
  seriousViolations,
  signInPage,
  type TestBrowser,
} from './support/chromium.js';

let t: TestApp;
let chromium: TestBrowser;
let story: StaffStory;

const signedIn = async (handle: string, locale: 'en' | 'zh-CN' = 'en', options = {}): Promise<Page> =>
  signInPage(await chromium.context({ ...PHONE, ...options }), t.baseUrl, handle, STRONG_PASSWORD, locale);

beforeAll(async () => {
  t = await startTestApp();
  chromium = await launchChromium();
  story = await staffStory(t);
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await t?.close();
});

describe('staff pages in a browser', () => {
  it('shows a rep the commission of a signed conversion on the answer that brought it', async () => {
    const rep = await signedIn(story.rep.handle);
    await rep.goto(`${t.baseUrl}/me/referrals`);
    await rep.getByRole('heading', { name: 'My referrals' }).waitFor();
    await expect(rep.getByText('No commissions yet.').isVisible()).resolves.toBe(true);
    await expect(rep.getByText(`/r/${story.repAnswer.code}`).isVisible()).resolves.toBe(true);

    await signedConversion(t, story, 'reg-browser-1', '203.0.113.60');
    await rep.reload();
    const row = rep.locator('section', { has: rep.getByRole('heading', { name: 'By answer' }) }).locator('tbody tr');
    await expect(row.count()).resolves.toBe(1);
    await expect(row.getByRole('link').getAttribute('href')).resolves.toContain(`#a-${story.repAnswer.id}`);
    await expect(row.textContent()).resolves.toContain('$5.00 (1)');
    await expect(rep.locator('[data-commission]').textContent()).resolves.toContain('Pending');
  });

  it('opens the insights dashboard and the escalation queue as staff', async () => {
    const operator = await signedIn(story.staff.handle);
    await operator.goto(`${t.baseUrl}/b/${story.boardSlug}/insights`);
    await expect(operator.locator('svg.chart').count()).resolves.toBe(5);
    await expect(operator.getByRole('img', { name: 'Who resolved what, last 30 days' }).isVisible()).resolves.toBe(
      true,
    );
    await expect(operator.getByRole('img', { name: 'Questions waiting per tier' }).isVisible()).resolves.toBe(true);
    await Promise.all([
      operator.waitForURL(/\/escalations$/),
      operator.getByRole('link', { name: 'Open the escalation queue' }).click(),
    ]);
    await expect(operator.getByRole('link', { name: story.escalated.title }).isVisible()).resolves.toBe(true);
  });

  it('finds no serious or critical accessibility violation on the staff pages, with screenshots in both languages', async () => {
    const pages: [string, string, string][] = [
      ['referrals', story.rep.handle, '/me/referrals'],
      ['staff-home', story.moderator.handle, '/me/staff'],
      ['review-queue', story.moderator.handle, `/b/${story.boardSlug}/review`],
      ['moderation-log', story.moderator.handle, `/b/${story.boardSlug}/moderation`],
      ['thread-moderation', story.moderator.handle, `/mod/t/${story.question.id}`],
      ['insights', story.staff.handle, `/b/${story.boardSlug}/insights`],
      ['escalations', story.staff.handle, `/b/${story.boardSlug}/escalations`],
      ['alerts', story.staff.handle, `/b/${story.boardSlug}/alerts`],
    ];
    const problems: string[] = [];
    const sessions = new Map<string, Page>();
    for (const [, handle] of pages) {
      if (!sessions.has(handle)) sessions.set(handle, await signedIn(handle, 'en', { bypassCSP: true }));
    }
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const page of sessions.values()) await page.goto(`${t.baseUrl}/lang?to=${locale}&next=/`);
      for (const [name, handle, path] of pages) {
        const page = sessions.get(handle)!;
        const response = await page.goto(`${t.baseUrl}${path}`);
        expect({ name, status: response?.status() }).toEqual({ name, status: 200 });
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe(locale);
        problems.push(...(await seriousViolations(page)).map((v) => `${locale} ${name}: ${v}`));
        await screenshot(page, `staff-${name}.${locale}`);
      }
    }
    expect(problems).toEqual([]);
  }, 90_000);

  it('lets a moderator claim the flagged spam answer and hide it from the review queue', async () => {
    const moderator = await signedIn(story.moderator.handle);
    await moderator.goto(`${t.baseUrl}/b/${story.boardSlug}/review`);
    const item = moderator.locator('article', { hasText: story.spam.text });
    await expect(item.getByText('Spam', { exact: true }).isVisible()).resolves.toBe(true);
    await Promise.all([moderator.waitForLoadState('load'), item.getByRole('button', { name: 'Claim' }).click()]);
    const claimed = moderator.locator('article', { hasText: story.spam.text });
    await claimed.getByText('Claimed by you').waitFor();
    await claimed.getByLabel(/^Reason/).fill('Spam selling followers');
    await Promise.all([
      moderator.waitForURL(/done=hidden/),
      claimed.getByRole('button', { name: 'Hide post (flags helpful)' }).click(),
    ]);
    await expect(moderator.getByRole('status').textContent()).resolves.toBe('The post is hidden.');
    await expect(moderator.getByText(story.spam.text).count()).resolves.toBe(0);

    const reader = await (await chromium.context({ ...PHONE, javaScriptEnabled: false })).newPage();
    await reader.goto(`${t.baseUrl}/t/${story.question.id}`);
    await expect(reader.getByText(story.spam.text).count()).resolves.toBe(0);
    await expect(reader.getByText('Sign up through the partner').isVisible()).resolves.toBe(true);
  });
});
