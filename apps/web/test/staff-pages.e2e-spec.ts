// Staff pages over HTTP: a moderator hides a spam answer from the flag queue.
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
import { activeCampaign, clickLink, codeIn, createPartner, sendWebhook } from '../../../tests/e2e/support/referrals.js';
import { EscalationJob } from '@helpboard/insights';
import { signIn, WebClient } from './support/web-client.js';

let t: TestApp;
let asker: TestUser;
let spammer: TestUser;
let moderator: TestUser;
let boardSlug: string;
let admin: TestUser;
let operatorSlug: string;
let address = 0;
const browser = () => new WebClient(t.baseUrl, { 'x-forwarded-for': `10.6.0.${++address}` });

beforeAll(async () => {
  t = await startTestApp();
  admin = await createPlatformAdmin(t);
  [asker, spammer, moderator] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
  operatorSlug = (await createOperator(t, admin, [admin.handle])).slug;
  boardSlug = (await createBoard(t, admin, operatorSlug, { settings: { privileges: { flag: 0 } } })).slug;
  await setBoardRole(t, admin, boardSlug, moderator.handle, 'MODERATOR');
});
afterAll(() => t.close());

describe('staff pages', () => {
  it('lets a moderator hide a flagged spam answer from the queue', async () => {
    const thread = await ask(t, asker, boardSlug, { title: 'How do I reset my voicemail PIN?' });
    const spam = await answer(t, spammer, thread.id, 'Cheap watches at example dot com, best prices!!!');
    const path = `/t/${thread.id}/how-do-i-reset-my-voicemail-pin`;

    const flagger = browser();
    await signIn(flagger, asker.handle, STRONG_PASSWORD);
    await flagger.get(path);
    const flagged = await flagger.post(`/p/${spam.id}/flag`, { t: thread.id, reason: 'SPAM', note: '' });
    expect(flagged.status).toBe(303);

    const mod = browser();
    await signIn(mod, moderator.handle, STRONG_PASSWORD);
    const boardPage = (await mod.get(`/b/${boardSlug}`)).body;
    expect(boardPage).toMatch(
      new RegExp(`href="/b/${boardSlug}/review\\?kind=FLAGGED"[^>]*>Flags <span class="count"[^>]*>1</span>`),
    );
    expect(boardPage).toMatch(new RegExp(`href="/b/${boardSlug}/review"[^>]*>Review queue <span`));
    const review = await mod.get(`/b/${boardSlug}/review`);
    expect(review.status).toBe(200);
    expect(review.body).toContain('Cheap watches');
    // The old flag queue address is the review page's flagged tab; its old form still works.
    const queue = await mod.get(`/b/${boardSlug}/mod/flags`);
    expect(queue.location).toBe(`/b/${boardSlug}/review?kind=FLAGGED`);
    const flagId = /action="\/flags\/([0-9a-f]{24})\/resolve"/.exec(review.body)![1];
    const hidden = await mod.post(`/b/${boardSlug}/mod/flags/${flagId}`, { outcome: 'hide' });
    expect(hidden.status).toBe(303);
    expect((await mod.get(hidden.location!)).body).toContain('The post is hidden.');

    expect((await browser().get(path)).body).not.toContain('Cheap watches');
  });

  it('keeps the queue to the board’s moderators', async () => {
    const outsider = browser();
    await signIn(outsider, spammer.handle, STRONG_PASSWORD);
    expect((await outsider.get(`/b/${boardSlug}/review?kind=FLAGGED`)).status).toBe(403);
    expect((await outsider.get(`/b/${boardSlug}`)).body).not.toContain(`/b/${boardSlug}/review`);
  });

  it('shows a rep the commission of a signed conversion on their referral page', async () => {
    const partner = await createPartner(t, admin, operatorSlug, 'Dragon Games');
    await activeCampaign(t, admin, partner.id, [boardSlug]);
    const rep = await registerUser(t);
    const thread = await ask(t, asker, boardSlug, { title: 'Any bonus for new players?' });
    await answer(t, rep, thread.id, 'Yes: new players get 500 gems at https://games.example/join today.');
    const page = await browser().get(`/t/${thread.id}/any-bonus-for-new-players`);
    expect(page.body).toContain('Contains a referral link');
    const code = codeIn(page.body)!;
    const click = await clickLink(t, code, { ip: '203.0.113.77' });
    const reported = await sendWebhook(t, partner.id, partner.secret, {
      externalId: `reg-${code}`,
      clickId: click.clickId,
      occurredAt: t.clock.now().toISOString(),
    });
    expect(reported.status).toBe(200);

    const repBrowser = browser();
    await signIn(repBrowser, rep.handle, STRONG_PASSWORD);
    const referrals = await repBrowser.get('/me/referrals');
    expect(referrals.body).toContain(`/r/${code}`);
    expect(referrals.body).toContain('Pending');
    expect(referrals.body).toContain('$5.00');
    expect(referrals.body).toContain('Any bonus for new players?');
  });

  it('lets a staff rep make a link on the desk, post it in an answer and see its commission', async () => {
    const partner = await createPartner(t, admin, operatorSlug, 'Lantern Mobile');
    await activeCampaign(t, admin, partner.id, [boardSlug]);
    const rep = await registerUser(t);
    await setBoardRole(t, admin, boardSlug, rep.handle, 'STAFF');
    const repBrowser = browser();
    await signIn(repBrowser, rep.handle, STRONG_PASSWORD);
    const desk = await repBrowser.get('/me/referrals');
    expect(desk.body).toContain('Campaigns you may promote');
    expect(desk.body).toContain('Contains a referral link');
    const campaignId = /<input type="hidden" name="campaignId" value="([0-9a-f]{24})"/.exec(desk.body)![1];
    const made = await repBrowser.post('/me/referrals/links', { campaignId, boardSlug });
    const after = (await repBrowser.get(made.location!)).body;
    expect(after).toContain('Your link is ready');
    const code = /data-link="([2-9a-hjkmnp-z]{10})"/.exec(after)![1];
    expect(after).toContain(`data-copy="link-${code}"`);

    const thread = await ask(t, asker, boardSlug, { title: 'Which SIM works abroad?' });
    await answer(t, rep, thread.id, `Our travel SIM does: [order it here](/r/${code}) before you go.`);
    const page = (await browser().get(`/t/${thread.id}/which-sim-works-abroad`)).body;
    // The answer carries the rep's link for that answer (so its clicks are credited to it), marked sponsored.
    const posted = /<a href="\/r\/([2-9a-hjkmnp-z]{10})" rel="sponsored nofollow">order it here<\/a>/.exec(page)![1];
    const click = await clickLink(t, posted, { ip: '203.0.113.91' });
    const reported = await sendWebhook(t, partner.id, partner.secret, {
      externalId: `sim-${posted}`,
      clickId: click.clickId,
      occurredAt: t.clock.now().toISOString(),
    });
    expect(reported.status).toBe(200);
    const figures = (await repBrowser.get('/me/referrals')).body;
    const row = figures.slice(figures.indexOf(`data-link="${posted}"`));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('$5.00');
    expect(figures).toContain('Which SIM works abroad?');

    // Pasted as the desk's copy button gives it (the site's public address), it is still the
    // site's referral link: sponsored, not an outside link (the renderer did not know the host).
    const copied = new RegExp(`value="(https?://[^"/]+/r/${code})"`).exec(after)![1];
    const second = await ask(t, asker, boardSlug, { title: 'Which eSIM works in Japan?' });
    await answer(t, rep, second.id, `Use our eSIM: [get it here](${copied}) before you fly.`);
    const secondPage = (await browser().get(`/t/${second.id}/which-esim-works-in-japan`)).body;
    expect(secondPage).toMatch(
      /<a href="https?:\/\/[^"/]+\/r\/[2-9a-hjkmnp-z]{10}" rel="sponsored nofollow">get it here<\/a>/,
    );
  });

  it("shows the board's staff its self-service figures and escalation queues", async () => {
    const rep = await registerUser(t);
    await setBoardRole(t, admin, boardSlug, rep.handle, 'STAFF');
    const thread = await ask(t, asker, boardSlug, { title: 'Nobody has answered my question yet' });
    t.clock.advance(31 * 60_000);
    await t.app.get(EscalationJob).run();
    const staffBrowser = browser();
    await signIn(staffBrowser, rep.handle, STRONG_PASSWORD);
    expect((await staffBrowser.get(`/b/${boardSlug}`)).body).toContain(`/b/${boardSlug}/insights`);
    const page = await staffBrowser.get(`/b/${boardSlug}/insights`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('“You may be asking”, last 7 days');
    // The dashboard counts the waiting questions; the escalation queue lists them.
    expect(page.body).toContain('Questions waiting per tier');
    const experts = await staffBrowser.get(`/b/${boardSlug}/escalations?tier=EXPERTS`);
    expect(experts.body).toContain(`/t/${thread.id}`);

    const outsider = browser();
    await signIn(outsider, spammer.handle, STRONG_PASSWORD);
    expect((await outsider.get(`/b/${boardSlug}/insights`)).status).toBe(403);
  });
});
