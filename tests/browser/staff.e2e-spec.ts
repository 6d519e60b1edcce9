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
import { login } from '../e2e/support/accounts.js';
import { answer, ask } from '../e2e/support/threads.js';
import { sendWebhook } from '../e2e/support/referrals.js';
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
    await expect(rep.locator(`input[value$="/r/${story.repAnswer.code}"]`).isVisible()).resolves.toBe(true);

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
    // Other status notices may stand beside it (an account made by the CLI is asked to confirm its e-mail).
    await expect(moderator.getByRole('status').filter({ hasText: 'The post is hidden.' }).count()).resolves.toBe(1);
    await expect(moderator.getByText(story.spam.text).count()).resolves.toBe(0);

    const reader = await (await chromium.context({ ...PHONE, javaScriptEnabled: false })).newPage();
    await reader.goto(`${t.baseUrl}/t/${story.question.id}`);
    await expect(reader.getByText(story.spam.text).count()).resolves.toBe(0);
    await expect(reader.getByText('Sign up through the partner').isVisible()).resolves.toBe(true);
  });

  it('lets a moderator handle a "needs staff" flag and a spam flag from the thread page', async () => {
    const fresh = async (user: typeof story.member) => ({
      ...user,
      accessToken: (await login(t, user.handle)).data!.login.accessToken as string,
    });
    const thread = await ask(t, await fresh(story.member), story.boardSlug, {
      title: 'My bill shows a charge I do not know',
    });
    const spam = await answer(t, await fresh(story.rep), thread.id, 'Buy cheap followers today at example dot shop');
    const token = (await login(t, story.colleague.handle)).data!.login.accessToken;
    const read = await t.graphql('query ($id: ID!) { thread(id: $id) { question { id } } }', { id: thread.id });
    const questionId = read.data!.thread.question.id as string;
    for (const [postId, reason] of [
      [questionId, 'NEEDS_STAFF'],
      [spam.id, 'SPAM'],
    ] as const) {
      const flagged = await t.graphql(
        'mutation ($p: ID!, $r: FlagReason!) { flagPost(postId: $p, reason: $r) { id } }',
        { p: postId, r: reason },
        { token },
      );
      expect(flagged.errors).toBeUndefined();
    }
    const moderator = await signedIn(story.moderator.handle);
    await moderator.goto(`${t.baseUrl}/t/${thread.id}`);
    await Promise.all([
      moderator.waitForURL(/\/mod\/t\//),
      moderator.getByRole('link', { name: 'Moderate this thread' }).click(),
    ]);
    const flags = moderator.locator('section', {
      has: moderator.getByRole('heading', { name: 'Open flags on this thread' }),
    });
    const needsStaff = flags.locator('div.stack', { hasText: 'Needs a staff member' });
    await needsStaff.getByLabel(/^Reason/).fill('Billing staff are on it');
    await Promise.all([
      moderator.waitForURL(/done=upheld/),
      needsStaff.getByRole('button', { name: 'Flags helpful, keep the post' }).click(),
    ]);
    const spamFlag = moderator
      .locator('section', { has: moderator.getByRole('heading', { name: 'Open flags on this thread' }) })
      .locator('div.stack', { hasText: 'Spam' });
    await spamFlag.getByLabel(/^Reason/).fill('Selling followers');
    await Promise.all([
      moderator.waitForURL(/done=hidden/),
      spamFlag.getByRole('button', { name: 'Hide post (flags helpful)' }).click(),
    ]);
    await moderator.getByText('No open flags on this thread.').waitFor();
    await moderator.goto(`${t.baseUrl}/b/${story.boardSlug}/moderation`);
    // The spam decision is logged twice (flags upheld, post hidden), the needs-staff one once.
    await expect(moderator.getByRole('cell', { name: 'Selling followers', exact: true }).count()).resolves.toBe(2);
    await expect(moderator.getByRole('cell', { name: 'Billing staff are on it', exact: true }).count()).resolves.toBe(
      1,
    );
  });

  it('lets an operator admin create a board, change a threshold, grant a moderator and export insights', async () => {
    const admin = await signedIn(story.owner.handle);
    await admin.goto(`${t.baseUrl}/me/staff`);
    await Promise.all([
      admin.waitForURL(/\/admin$/),
      admin.getByRole('link', { name: 'Boards, settings and roles' }).click(),
    ]);
    await admin.getByLabel('Address (slug)').fill('browser-made');
    await admin.getByLabel('Title').fill('Made in a browser');
    await Promise.all([
      admin.waitForURL(/done=boardCreated/),
      admin.getByRole('button', { name: 'Create a board' }).click(),
    ]);
    await admin.getByLabel('Flag weight that hides a post').fill('0');
    await Promise.all([admin.waitForLoadState('load'), admin.getByRole('button', { name: 'Save settings' }).click()]);
    await expect(admin.locator('#s-moderation-hideThreshold-error').isVisible()).resolves.toBe(true);
    await admin.getByLabel('Flag weight that hides a post').fill('4');
    await Promise.all([
      admin.waitForURL(/done=settingsSaved/),
      admin.getByRole('button', { name: 'Save settings' }).click(),
    ]);
    await admin.getByLabel('User', { exact: true }).fill(story.colleague.handle);
    await admin.getByLabel('Role', { exact: true }).selectOption('MODERATOR');
    await Promise.all([admin.waitForURL(/done=roleGranted/), admin.getByRole('button', { name: 'Grant' }).click()]);
    await expect(admin.getByText('Moderator', { exact: true }).count()).resolves.toBeGreaterThan(0);

    await admin.goto(`${t.baseUrl}/o/${story.operatorSlug}/insights`);
    await expect(admin.getByRole('link', { name: 'Made in a browser' }).isVisible()).resolves.toBe(true);
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('link', { name: 'Export as CSV' }).click(),
    ]);
    const csv = await download.createReadStream().then(
      (stream) =>
        new Promise<string>((resolve) => {
          let text = '';
          stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
          stream.on('end', () => resolve(text));
        }),
    );
    expect(csv.split('\n')[0]).toContain('questions');
    expect(csv).toContain(',browser-made,');
    expect(csv).toContain(`OPERATOR,${story.operatorSlug},`);
  });

  it('takes a rep from making a link to the commission a visitor’s sign-up earns, with the disclosure on the answer', async () => {
    // The partner's site, played by the test: a sign-up form that reports the registration by the
    // signed webhook, carrying the click id our redirect handed it.
    const signups: string[] = [];
    const partnerPage = (click: string) =>
      `<h1>Join Dragon Games</h1><form method="post" action="https://games.example/register">
        <input type="hidden" name="hb_click" value="${click}"><label>Player name <input name="player"></label>
        <button>Register</button></form>`;
    const partnerSite = (context: Awaited<ReturnType<TestBrowser['context']>>) =>
      context.route('https://games.example/register', async (route) => {
        const form = new URLSearchParams(route.request().postData() ?? '');
        const reported = await sendWebhook(t, story.partner.id, story.partner.secret, {
          externalId: `browser-signup-${form.get('player')}`,
          clickId: form.get('hb_click'),
          occurredAt: t.clock.now().toISOString(),
        });
        signups.push(String(reported.status));
        return route.fulfill({ contentType: 'text/html', body: '<h1>Welcome, player!</h1>' });
      });
    /**
     * Routes /r/ links on the site's public address to the test app, and plays the partner's
     * landing page where our redirect sends the visitor (Playwright does not route a redirect's
     * next hop, so the hop is taken here, from the redirect's own Location).
     */
    const referralHop = (context: Awaited<ReturnType<TestBrowser['context']>>, publicOrigin: string) =>
      context.route(`${publicOrigin}/r/**`, async (route) => {
        const url = route.request().url().replace(publicOrigin, t.baseUrl);
        const response = await route.fetch({ url, maxRedirects: 0 });
        const target = new URL(response.headers()['location'] ?? 'about:blank');
        expect({ status: response.status(), host: target.host }).toEqual({ status: 302, host: 'games.example' });
        return route.fulfill({
          contentType: 'text/html',
          body: partnerPage(target.searchParams.get('hb_click') ?? ''),
        });
      });

    const rep = await signedIn(story.staff.handle);
    await rep.goto(`${t.baseUrl}/me/referrals`);
    await expect(
      rep.getByText('Contains a referral link — the author may earn a commission.').isVisible(),
    ).resolves.toBe(true);
    await Promise.all([
      rep.waitForURL(/done=linkCreated/),
      rep.getByRole('button', { name: 'Create my link' }).click(),
    ]);
    const code = (await rep.locator('tr[data-link]').first().getAttribute('data-link'))!;
    // What the copy button copies: the link on the site's public address.
    const copied = (await rep.locator(`tr[data-link="${code}"] input`).inputValue())!;
    expect(copied).toMatch(new RegExp(`^https?://[^/]+/r/${code}$`));

    // The rep pastes it into an answer on the thread page.
    await rep.goto(`${t.baseUrl}/t/${story.question.id}`);
    await rep
      .getByRole('textbox', { name: 'Your answer' })
      .fill(`The starter pack comes with the partner account: [join Dragon Games](${copied}) first.`);
    await Promise.all([rep.waitForURL(/#a-/), rep.getByRole('button', { name: 'Post your answer' }).click()]);
    const answerId = new URL(rep.url()).hash.slice('#a-'.length);
    const posted = rep.locator(`#a-${answerId}`);
    await expect(
      posted.getByText('Contains a referral link — the author may earn a commission.').isVisible(),
    ).resolves.toBe(true);

    // A visitor reads the answer, follows the link and registers with the partner.
    const visitorContext = await chromium.context(PHONE);
    await partnerSite(visitorContext);
    await referralHop(visitorContext, new URL(copied).origin);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${t.baseUrl}/t/${story.question.id}`);
    const link = visitor.locator(`#a-${answerId}`).getByRole('link', { name: 'join Dragon Games' });
    await expect(link.getAttribute('rel')).resolves.toBe('sponsored nofollow');
    await link.click();
    await visitor.getByRole('heading', { name: 'Join Dragon Games' }).waitFor();
    await visitor.getByLabel('Player name').fill('lantern42');
    await Promise.all([visitor.waitForURL(/register/), visitor.getByRole('button', { name: 'Register' }).click()]);
    await visitor.getByRole('heading', { name: 'Welcome, player!' }).waitFor();
    expect(signups).toEqual(['200']);

    // The rep sees the commission against that answer.
    await rep.goto(`${t.baseUrl}/me/referrals`);
    const byAnswer = rep.locator('section', { has: rep.getByRole('heading', { name: 'By answer' }) });
    const row = byAnswer.locator('tbody tr', { has: rep.locator(`a[href$="#a-${answerId}"]`) });
    await expect(row.textContent()).resolves.toContain('$5.00 (1)');
  });
});
