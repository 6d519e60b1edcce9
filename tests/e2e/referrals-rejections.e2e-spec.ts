import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { emailHashOf, signatureHeader } from '@helpboard/referrals';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import {
  activeCampaign,
  allowCampaigns,
  clickLink,
  createCampaignRequest,
  createPartner,
  myCommissions,
  sendWebhook,
  setCampaignStatus,
} from './support/referrals.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { answer, ask } from './support/threads.js';

describe('referrals: every rejection', () => {
  let t: TestApp;
  let admin: TestUser;
  let operatorAdmin: TestUser;
  let operatorSlug: string;
  let board: { id: string; slug: string };
  let otherBoard: { id: string; slug: string };
  let partner: { id: string; secret: string };
  let campaign: { id: string };
  let nextIp = 0;
  const freshIp = () => `198.18.0.${++nextIp}`;

  const createLink = (user: TestUser, input: Record<string, unknown>) =>
    t.graphql(
      'mutation ($i: CreateReferralLinkInput!) { createReferralLink(input: $i) { id code path answerId } }',
      { i: input },
      { token: user.accessToken },
    );

  /** A rep with a link on the campaign's board and a reader's click on it. */
  const clickedLink = async () => {
    const rep = await registerUser(t);
    const link = (await createLink(rep, { campaignId: campaign.id, boardSlug: board.slug })).data!.createReferralLink;
    const click = await clickLink(t, link.code, { ip: freshIp() });
    expect(click.status).toBe(302);
    return { rep, link, clickId: click.clickId! };
  };

  const review = (commissionId: string, isApproved: boolean) =>
    t.graphql(
      'mutation ($c: ID!, $a: Boolean!) { reviewCommission(commissionId: $c, isApproved: $a) { status reason needsReview } }',
      { c: commissionId, a: isApproved },
      { token: operatorAdmin.accessToken },
    );

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    operatorSlug = (await createOperator(t, admin, [operatorAdmin.handle])).slug;
    board = await createBoard(t, operatorAdmin, operatorSlug);
    otherBoard = await createBoard(t, operatorAdmin, operatorSlug);
    partner = await createPartner(t, operatorAdmin, operatorSlug, 'Dragon Games');
    campaign = await activeCampaign(t, operatorAdmin, partner.id, [board.slug]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 401 to a bad signature and stores nothing', async () => {
    const { rep, clickId } = await clickedLink();
    const payload = { externalId: 'bad-sig', clickId, occurredAt: t.clock.now().toISOString() };
    const at = Math.floor(t.clock.now().getTime() / 1000);
    const forged = await sendWebhook(t, partner.id, partner.secret, payload, {
      signature: signatureHeader('whsec_not-the-secret', at, JSON.stringify(payload)),
    });
    expect(forged).toEqual({ status: 401, body: { error: expect.objectContaining({ reason: 'INVALID_SIGNATURE' }) } });
    const missing = await sendWebhook(t, partner.id, partner.secret, payload, { signature: '' });
    expect(missing.status).toBe(401);
    expect(await myCommissions(t, rep)).toEqual([]);
    // Nothing was stored: the genuine delivery of the same externalId is the first one.
    expect((await sendWebhook(t, partner.id, partner.secret, payload)).body.commission.status).toBe('PENDING');
  });

  it('answers 401 to a timestamp more than five minutes old', async () => {
    const { rep, clickId } = await clickedLink();
    const stale = Math.floor(t.clock.now().getTime() / 1000) - 301;
    const payload = { externalId: 'stale', clickId, occurredAt: t.clock.now().toISOString() };
    const response = await sendWebhook(t, partner.id, partner.secret, payload, { at: stale });
    expect(response.status).toBe(401);
    expect(response.body.error.reason).toBe('STALE_SIGNATURE');
    expect(await myCommissions(t, rep)).toEqual([]);
  });

  it('records a replayed webhook once', async () => {
    const { rep, clickId } = await clickedLink();
    const payload = { externalId: 'replayed', clickId, occurredAt: t.clock.now().toISOString() };
    const results = await Promise.all([1, 2, 3].map(() => sendWebhook(t, partner.id, partner.secret, payload)));
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await myCommissions(t, rep)).toHaveLength(1);
  });

  it("rejects a self-referral (the customer's e-mail is the rep's)", async () => {
    const { rep, clickId } = await clickedLink();
    const response = await sendWebhook(t, partner.id, partner.secret, {
      externalId: 'self',
      clickId,
      occurredAt: t.clock.now().toISOString(),
      emailHash: emailHashOf(rep.email.toLowerCase()),
    });
    expect(response.body.commission).toMatchObject({ status: 'REJECTED', reason: 'SELF_REFERRAL' });
    expect(await myCommissions(t, rep)).toEqual([
      expect.objectContaining({ status: 'REJECTED', reason: 'SELF_REFERRAL' }),
    ]);
  });

  it('flags a conversion whose click came from an address the rep signs in from', async () => {
    const rep = await registerUser(t);
    await login(t, rep.handle, undefined, { 'x-forwarded-for': '192.0.2.77' });
    const link = (await createLink(rep, { campaignId: campaign.id, boardSlug: board.slug })).data!.createReferralLink;
    const click = await clickLink(t, link.code, { ip: '192.0.2.77' });
    const response = await sendWebhook(t, partner.id, partner.secret, {
      externalId: 'own-ip',
      clickId: click.clickId,
      occurredAt: t.clock.now().toISOString(),
    });
    expect(response.body.flags).toEqual(['OWNER_IP']);
    const [flagged] = await myCommissions(t, rep);
    expect(flagged).toMatchObject({ status: 'PENDING', needsReview: true });
    expect((await review(flagged.id, false)).data!.reviewCommission).toEqual({
      status: 'REJECTED',
      reason: 'FRAUD_SUSPECTED',
      needsReview: true,
    });
    expect((await review(flagged.id, true)).errors?.[0].extensions?.reason).toBe('COMMISSION_NOT_UNDER_REVIEW');
  });

  it('flags a conversion reported with a code but no click, and records one with neither unattributed', async () => {
    const rep = await registerUser(t);
    const link = (await createLink(rep, { campaignId: campaign.id, boardSlug: board.slug })).data!.createReferralLink;
    const withCode = await sendWebhook(t, partner.id, partner.secret, {
      externalId: 'code-only',
      code: link.code,
      occurredAt: t.clock.now().toISOString(),
    });
    expect(withCode.body).toMatchObject({ isAttributed: true, flags: ['NO_CLICK'], commission: { status: 'PENDING' } });
    const cleared = await review(withCode.body.commission.id, true);
    expect(cleared.data!.reviewCommission).toEqual({ status: 'PENDING', reason: null, needsReview: false });
    const neither = await sendWebhook(t, partner.id, partner.secret, {
      externalId: 'organic',
      occurredAt: t.clock.now().toISOString(),
    });
    expect(neither.body).toMatchObject({ isAttributed: false, commission: null });
  });

  it('rejects links and pasted partner URLs on a board that does not allow the campaign', async () => {
    const rep = await registerUser(t);
    const link = await createLink(rep, { campaignId: campaign.id, boardSlug: otherBoard.slug });
    expect(link.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CAMPAIGN_NOT_ALLOWED_ON_BOARD',
    });

    const question = await ask(t, await registerUser(t), otherBoard.slug);
    const posted = await t.graphql(
      'mutation ($t: ID!, $b: String!) { postAnswer(threadId: $t, body: $b) { id } }',
      { t: question.id, b: 'Sign up here for free gems: https://games.example/join' },
      { token: rep.accessToken },
    );
    expect(posted.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CAMPAIGN_NOT_ALLOWED_ON_BOARD',
    });
    const allowedHere = (await createLink(rep, { campaignId: campaign.id, boardSlug: board.slug })).data!
      .createReferralLink;
    const pasted = await t.graphql(
      'mutation ($t: ID!, $b: String!) { postAnswer(threadId: $t, body: $b) { id } }',
      { t: question.id, b: `Use [my link](${allowedHere.path}) for free gems, it helped me.` },
      { token: rep.accessToken },
    );
    expect(pasted.errors?.[0].extensions?.reason).toBe('CAMPAIGN_NOT_ALLOWED_ON_BOARD');
    const page = await t.graphql('query ($id: ID!) { thread(id: $id) { answerCount } }', { id: question.id });
    expect(page.data!.thread.answerCount).toBe(0);
  });

  it("refuses to activate a campaign before every board's settings allow it", async () => {
    const draft = (
      await createCampaignRequest(t, operatorAdmin, {
        partnerId: partner.id,
        name: 'Autumn promo',
        boardSlugs: [board.slug, otherBoard.slug],
        landingUrl: 'https://games.example/autumn',
        commission: { kind: 'PERCENT', basisPoints: 1000, currency: 'USD' },
      })
    ).data!.createCampaign;
    const refused = await setCampaignStatus(t, operatorAdmin, draft.id, 'ACTIVE');
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CAMPAIGN_NOT_ALLOWED_ON_BOARD',
    });
    const http = await createCampaignRequest(t, operatorAdmin, {
      partnerId: partner.id,
      name: 'Insecure',
      boardSlugs: [board.slug],
      landingUrl: 'http://games.example/join',
      commission: { kind: 'FIXED', amountMinor: 100, currency: 'DOLLARS' },
    });
    expect(http.errors?.[0].extensions?.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'commission.currency',
      'landingUrl',
    ]);
    const stranger = await registerUser(t);
    const forbidden = await createPartner(t, stranger, operatorSlug).catch((error: Error) => error.message);
    expect(forbidden).toContain('OPERATOR_ADMIN_REQUIRED');
  });

  it("shows the disclosure page instead of the partner's site once the link's owner is suspended", async () => {
    const { rep, link } = await clickedLink();
    const suspended = await t.graphql(
      'mutation ($h: String!, $u: DateTime) { suspendUser(handle: $h, until: $u, reason: "spam links") { handle } }',
      { h: rep.handle, u: new Date(t.clock.now().getTime() + 7 * 24 * 3_600_000).toISOString() },
      { token: admin.accessToken },
    );
    expect(suspended.errors).toBeUndefined();
    const click = await clickLink(t, link.code, { ip: freshIp() });
    expect(click.status).toBe(410);
    expect(click.location).toBeNull();
    expect(click.body).toContain('may earn a commission');
    const chinese = await clickLink(t, link.code, { ip: freshIp(), language: 'zh-CN' });
    expect(chinese.body).toContain('佣金');
  });

  it('sends unknown links to a friendly page, and throttles and flags bursts from one address', async () => {
    const unknown = await clickLink(t, '2345678abc', { ip: freshIp() });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('<h1>This referral link is not available</h1>');
    expect((await clickLink(t, '../../etc', { ip: freshIp() })).status).toBe(404);

    const { link } = await clickedLink();
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await clickLink(t, link.code, { ip })).status);
    expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  it("rejects a webhook about another partner's campaign", async () => {
    const { rep, clickId, link } = await clickedLink();
    const rival = await createPartner(t, operatorAdmin, operatorSlug, 'Rival Games');
    for (const reference of [{ clickId }, { code: link.code }]) {
      const response = await sendWebhook(t, rival.id, rival.secret, {
        externalId: `steal-${Object.keys(reference)[0]}`,
        ...reference,
        occurredAt: t.clock.now().toISOString(),
      });
      expect(response.status).toBe(403);
      expect(response.body.error.reason).toBe('CAMPAIGN_OF_ANOTHER_PARTNER');
    }
    // Nor does a partner's secret sign for another partner.
    const crossed = await sendWebhook(t, partner.id, rival.secret, {
      externalId: 'crossed',
      clickId,
      occurredAt: t.clock.now().toISOString(),
    });
    expect(crossed.status).toBe(401);
    expect(await myCommissions(t, rep)).toEqual([]);
  });

  it('keeps the old webhook secret valid for the overlap after a rotation, then only the new one', async () => {
    const own = await createPartner(t, operatorAdmin, operatorSlug, 'Rotating Partner');
    const rotated = await t.graphql(
      'mutation ($p: ID!) { rotatePartnerSecret(partnerId: $p, overlapHours: 1) { webhookSecret partner { activeSecretCount } } }',
      { p: own.id },
      { token: operatorAdmin.accessToken },
    );
    const { webhookSecret, partner: view } = rotated.data!.rotatePartnerSecret;
    expect(view.activeSecretCount).toBe(2);
    const organic = (id: string) => ({ externalId: id, occurredAt: t.clock.now().toISOString() });
    expect((await sendWebhook(t, own.id, own.secret, organic('old-1'))).status).toBe(200);
    expect((await sendWebhook(t, own.id, webhookSecret, organic('new-1'))).status).toBe(200);
    t.clock.advance(3_600_000 + 1000);
    expect((await sendWebhook(t, own.id, own.secret, organic('old-2'))).status).toBe(401);
    expect((await sendWebhook(t, own.id, webhookSecret, organic('new-2'))).status).toBe(200);
  });

  it('links of a campaign the board does not allow stop redirecting when the board withdraws it', async () => {
    operatorAdmin.accessToken = (await login(t, operatorAdmin.handle)).data!.login.accessToken;
    const { link } = await clickedLink();
    await allowCampaigns(t, operatorAdmin, board.slug, []);
    expect((await clickLink(t, link.code, { ip: freshIp() })).status).toBe(410);
    await allowCampaigns(t, operatorAdmin, board.slug, [campaign.id]);
    expect((await clickLink(t, link.code, { ip: freshIp() })).status).toBe(302);
  });

  it('makes links only for your own answers', async () => {
    const rep = await registerUser(t);
    const question = await ask(t, await registerUser(t), board.slug);
    const theirs = await answer(t, await registerUser(t), question.id);
    const response = await createLink(rep, { campaignId: campaign.id, answerId: theirs.id });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LINK_FOR_OWN_POSTS_ONLY' });
  });
});
