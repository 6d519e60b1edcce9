import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import { CommissionApprovalJob, ReferralAuditRepository, signatureHeader } from '@helpboard/referrals';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { activeCampaign, clickLink, codeIn, createPartner, myCommissions, sendWebhook } from './support/referrals.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { answer, ask } from './support/threads.js';

const DAY = 24 * 3_600_000;

describe('referrals: from an answer to a payout', () => {
  let t: TestApp;
  let admin: TestUser;
  let operatorAdmin: TestUser;
  let operatorSlug: string;
  let board: { id: string; slug: string };
  let partner: { id: string; secret: string };
  let campaign: { id: string };

  const reputationOf = async (user: TestUser) =>
    (await t.graphql('query ($h: String!) { user(handle: $h) { reputation } }', { h: user.handle })).data!.user
      .reputation as number;

  const thread = (id: string) =>
    t.graphql('query ($id: ID!) { thread(id: $id) { answers { edges { node { id body referralDisclosure } } } } }', {
      id,
    });

  /** Access tokens expire while the clock moves by days: sign in again, as the user would. */
  const signIn = async (user: TestUser) => {
    user.accessToken = (await login(t, user.handle)).data!.login.accessToken;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    operatorSlug = (await createOperator(t, admin, [operatorAdmin.handle])).slug;
    board = await createBoard(t, operatorAdmin, operatorSlug);
    partner = await createPartner(t, operatorAdmin, operatorSlug, 'Dragon Games');
    campaign = await activeCampaign(t, operatorAdmin, partner.id, [board.slug]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts a reader without cookies once per address and browser, not once per click', async () => {
    const rep = await registerUser(t);
    const question = await ask(t, await registerUser(t), board.slug);
    await answer(t, rep, question.id, 'Dragon Games gives new players 500 gems: https://games.example/join?src=forum.');
    const [node] = (await thread(question.id)).data!.thread.answers.edges.map((e: { node: any }) => e.node);
    const code = codeIn(node.body)!;

    const clicks = [];
    for (let i = 0; i < 4; i++) {
      clicks.push(await clickLink(t, code, { ip: '203.0.113.40' }));
      t.clock.advance(60_000);
    }
    expect(new Set(clicks.map((click) => click.clickId)).size).toBe(1);
    expect(new Set(clicks.map((click) => click.cookie)).size).toBe(1);
    // Another browser on the same address, or the same browser elsewhere, is another visitor.
    const otherBrowser = await clickLink(t, code, { ip: '203.0.113.40', userAgent: 'Mozilla/5.0 (other reader)' });
    const otherAddress = await clickLink(t, code, { ip: '203.0.113.41' });
    expect(new Set([clicks[0].clickId, otherBrowser.clickId, otherAddress.clickId]).size).toBe(3);
  });

  it('counts 20 parallel clicks of one visitor once, with or without the cookie', async () => {
    const rep = await registerUser(t);
    const question = await ask(t, await registerUser(t), board.slug);
    const posted = await answer(
      t,
      rep,
      question.id,
      'Dragon Games gives new players 500 gems: https://games.example/join.',
    );
    const [node] = (await thread(question.id)).data!.thread.answers.edges.map((e: { node: any }) => e.node);
    const code = codeIn(node.body)!;

    const cookieless = await Promise.all(Array.from({ length: 20 }, () => clickLink(t, code, { ip: '203.0.113.60' })));
    expect(cookieless.map((click) => click.status)).toEqual(Array(20).fill(302));
    expect(new Set(cookieless.map((click) => click.clickId)).size).toBe(1);
    // A visitor with the cookie, clicking from 20 addresses at once, is still one visitor.
    const first = await clickLink(t, code, { ip: '203.0.113.61' });
    const withCookie = await Promise.all(
      Array.from({ length: 20 }, (_, i) => clickLink(t, code, { ip: `203.0.114.${i + 1}`, cookie: first.cookie })),
    );
    expect(new Set(withCookie.map((click) => click.clickId))).toEqual(new Set([first.clickId]));

    const report = await t.graphql(
      'query ($c: ID!) { campaignReport(campaignId: $c) { byAnswer { key clicks uniqueVisitors } } }',
      { c: campaign.id },
      { token: operatorAdmin.accessToken },
    );
    const row = report.data!.campaignReport.byAnswer.find((r: { key: string }) => r.key === posted.id);
    expect(row).toEqual({ key: posted.id, clicks: 2, uniqueVisitors: 2 });
  });

  it('tracks a click from an answer to a signed conversion, approval after the hold and a payout, reputation untouched', async () => {
    const rep = await registerUser(t);
    const asker = await registerUser(t);
    const question = await ask(t, asker, board.slug);
    const reputationBefore = await reputationOf(rep);

    // The rep pastes the partner's raw landing URL; it is stored as their first-party link.
    const posted = await answer(
      t,
      rep,
      question.id,
      'Dragon Games gives new players 500 gems: https://games.example/join?src=forum.',
    );
    const [node] = (await thread(question.id)).data!.thread.answers.edges.map((e: { node: any }) => e.node);
    expect(node.id).toBe(posted.id);
    expect(node.body).not.toContain('games.example/join');
    const code = codeIn(node.body)!;
    expect(code).toMatch(/^[2-9a-hjkmnp-z]{10}$/);
    expect(node.referralDisclosure).toBe('Contains a referral link — the author may earn a commission.');

    const links = await t.graphql(
      '{ myReferralLinks { edges { node { code answerId campaignId path } } } }',
      {},
      { token: rep.accessToken },
    );
    expect(links.data!.myReferralLinks.edges).toEqual([
      { node: { code, answerId: posted.id, campaignId: campaign.id, path: `/r/${code}` } },
    ]);

    // A reader clicks: 302 to the landing page with a click id; clicking again soon counts once.
    const first = await clickLink(t, code, { ip: '203.0.113.10' });
    expect(first.status).toBe(302);
    expect(first.location).toMatch(/^https:\/\/games\.example\/join\?hb_click=/);
    expect(first.cookie).toMatch(/^hb_vid=/);
    t.clock.advance(5 * 60_000);
    const again = await clickLink(t, code, { ip: '203.0.113.10', cookie: first.cookie });
    expect(again.clickId).toBe(first.clickId);

    // The partner reports the registration, signed.
    const payload = { externalId: 'reg-1001', clickId: first.clickId, occurredAt: t.clock.now().toISOString() };
    const reported = await sendWebhook(t, partner.id, partner.secret, payload);
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({
      isAttributed: true,
      answerId: posted.id,
      flags: [],
      commission: { status: 'PENDING', amountMinor: 500, currency: 'USD' },
    });

    // A replay answers the same and records nothing new.
    const replay = await sendWebhook(t, partner.id, partner.secret, payload);
    expect(replay.body).toEqual(reported.body);
    expect(await myCommissions(t, rep)).toEqual([
      expect.objectContaining({
        status: 'PENDING',
        answerId: posted.id,
        amount: { amountMinor: '500', currency: 'USD' },
      }),
    ]);

    // The hold passes; the scheduled job approves.
    const job = t.app.get(CommissionApprovalJob);
    t.clock.advance(29 * DAY);
    await job.run();
    await Promise.all([signIn(rep), signIn(operatorAdmin)]);
    expect((await myCommissions(t, rep))[0].status).toBe('PENDING');
    t.clock.advance(1 * DAY + 60_000);
    await job.run();
    await Promise.all([signIn(rep), signIn(operatorAdmin)]);
    expect((await myCommissions(t, rep))[0].status).toBe('APPROVED');

    const payout = await t.graphql(
      'mutation ($u: ID!, $o: String!) { createPayout(userId: $u, operatorSlug: $o) { userId commissionCount total { amountMinor currency } adjustments { amountMinor } } }',
      { u: rep.id, o: operatorSlug },
      { token: operatorAdmin.accessToken },
    );
    expect(payout.data!.createPayout).toEqual([
      {
        userId: rep.id,
        commissionCount: 1,
        total: { amountMinor: '500', currency: 'USD' },
        adjustments: { amountMinor: '0' },
      },
    ]);
    expect((await myCommissions(t, rep))[0].status).toBe('PAID');

    const report = await t.graphql(
      'query ($c: ID!) { campaignReport(campaignId: $c) { total { clicks uniqueVisitors conversions conversionRate earnings { amountMinor } } byAnswer { key conversions earnings { amountMinor } } byRep { key clicks } } }',
      { c: campaign.id },
      { token: operatorAdmin.accessToken },
    );
    const stats = report.data!.campaignReport;
    expect(stats.byAnswer).toContainEqual({ key: posted.id, conversions: 1, earnings: { amountMinor: '500' } });
    expect(stats.byRep).toContainEqual({ key: rep.id, clicks: 1 });

    // The partner reads the same numbers with a signed request, and only for its own campaigns.
    const partnerReport = async (as: { id: string; secret: string }, signed = true) => {
      const path = `/partner-api/${as.id}/campaigns/${campaign.id}/report`;
      const at = Math.floor(t.clock.now().getTime() / 1000);
      const response = await fetch(`${t.baseUrl}${path}`, {
        headers: signed ? { 'helpboard-signature': signatureHeader(as.secret, at, `GET ${path}`) } : {},
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const own = await partnerReport(partner);
    expect(own.status).toBe(200);
    expect(own.body.byAnswer).toContainEqual(
      expect.objectContaining({ key: posted.id, conversions: 1, earnings: { amountMinor: 500, currency: 'USD' } }),
    );
    expect((await partnerReport(partner, false)).status).toBe(401);
    const rival = await createPartner(t, operatorAdmin, operatorSlug, 'Rival Games');
    expect((await partnerReport(rival)).status).toBe(404);

    // Every state change is in the audit trail, in order.
    const trail = await t.app
      .get(ReferralAuditRepository)
      .forEntity('commission', new Types.ObjectId(reported.body.commission.id as string));
    expect(trail.map((entry) => [entry.action, entry.from, entry.to, entry.actorId?.toHexString() ?? null])).toEqual([
      ['CREATED', null, 'PENDING', null],
      ['STATUS_CHANGED', 'PENDING', 'APPROVED', null],
      ['STATUS_CHANGED', 'APPROVED', 'PAID', operatorAdmin.id],
    ]);

    // Money never becomes reputation.
    expect(await reputationOf(rep)).toBe(reputationBefore);
  });

  it("turns another rep's link pasted into an answer into the author's own link for that answer", async () => {
    const [author, other] = await Promise.all([registerUser(t), registerUser(t)]);
    const theirs = await t.graphql(
      'mutation ($i: CreateReferralLinkInput!) { createReferralLink(input: $i) { code path } }',
      { i: { campaignId: campaign.id } },
      { token: other.accessToken },
    );
    const question = await ask(t, await registerUser(t), board.slug);
    const posted = await answer(
      t,
      author,
      question.id,
      `Try [this](${theirs.data!.createReferralLink.path}) for gems.`,
    );
    const [node] = (await thread(question.id)).data!.thread.answers.edges.map((e: { node: any }) => e.node);
    const code = codeIn(node.body)!;
    expect(code).not.toBe(theirs.data!.createReferralLink.code);
    const mine = await t.graphql(
      '{ myReferralLinks { edges { node { code answerId } } } }',
      {},
      { token: author.accessToken },
    );
    expect(mine.data!.myReferralLinks.edges).toEqual([{ node: { code, answerId: posted.id } }]);
  });

  it('keeps the disclosure in step with edits: the same link is reused, and removing it removes the label', async () => {
    const rep = await registerUser(t);
    const question = await ask(t, await registerUser(t), board.slug);
    const posted = await answer(t, rep, question.id, 'No referral here, just dial *100#.');
    const edit = (body: string) =>
      t.graphql(
        'mutation ($i: EditPostInput!) { editPost(input: $i) { body referralDisclosure } }',
        { i: { postId: posted.id, body } },
        { token: rep.accessToken },
      );
    const first = (await edit('Also [the bonus page](https://games.example/join) is worth it.')).data!.editPost;
    expect(first.referralDisclosure).not.toBeNull();
    expect(first.body).toMatch(/\[the bonus page\]\(\/r\/[2-9a-hjkmnp-z]{10}\)/);
    const second = (await edit(`${first.body} Again: https://games.example/join`)).data!.editPost;
    expect(new Set(second.body.match(/\/r\/[2-9a-hjkmnp-z]{10}/g))).toEqual(new Set([`/r/${codeIn(first.body)}`]));
    const removed = (await edit('Never mind, dial *100#.')).data!.editPost;
    expect(removed.referralDisclosure).toBeNull();
  });
});
