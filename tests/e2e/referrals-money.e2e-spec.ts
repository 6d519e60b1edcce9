import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommissionApprovalJob } from '@helpboard/referrals';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { activeCampaign, clickLink, codeIn, createPartner, myCommissions, sendWebhook } from './support/referrals.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { answer, ask } from './support/threads.js';

const DAY = 24 * 3_600_000;

describe('referrals: money and moderation', () => {
  let t: TestApp;
  let admin: TestUser;
  let operatorAdmin: TestUser;
  let operatorSlug: string;
  let board: { id: string; slug: string };
  let partner: { id: string; secret: string };
  let job: CommissionApprovalJob;
  let nextIp = 0;
  let nextExternalId = 0;

  const signIn = async (...users: TestUser[]) => {
    for (const user of users) user.accessToken = (await login(t, user.handle)).data!.login.accessToken;
  };

  /** Moves past the hold, runs the approval job and signs the people involved in again. */
  const passHold = async (...users: TestUser[]) => {
    t.clock.advance(31 * DAY);
    const approved = await job.run();
    await signIn(admin, operatorAdmin, ...users);
    return approved;
  };

  /** A rep's answer with the partner's URL on a fresh question, and its tracked code. */
  const answerWithLink = async (rep: TestUser) => {
    const question = await ask(t, await registerUser(t), board.slug);
    const posted = await answer(
      t,
      rep,
      question.id,
      'Their sign-up page has a bonus: https://games.example/pay/welcome',
    );
    const page = await t.graphql('query ($id: ID!) { thread(id: $id) { answers { edges { node { id body } } } } }', {
      id: question.id,
    });
    return { answerId: posted.id, code: codeIn(page.data!.thread.answers.edges[0].node.body)! };
  };

  const convert = async (code: string, amount: number): Promise<Record<string, any>> => {
    const click = await clickLink(t, code, { ip: `198.51.100.${++nextIp}` });
    const response = await sendWebhook(t, partner.id, partner.secret, {
      externalId: `order-${++nextExternalId}`,
      clickId: click.clickId,
      amount,
      currency: 'EUR',
      occurredAt: t.clock.now().toISOString(),
    });
    expect(response.status).toBe(200);
    return { externalId: `order-${nextExternalId}`, ...response.body };
  };

  const payout = (user: TestUser) =>
    t.graphql(
      'mutation ($u: ID!, $o: String!) { createPayout(userId: $u, operatorSlug: $o) { commissionCount total { amountMinor currency } adjustments { amountMinor } } }',
      { u: user.id, o: operatorSlug },
      { token: operatorAdmin.accessToken },
    );

  beforeAll(async () => {
    t = await startTestApp();
    job = t.app.get(CommissionApprovalJob);
    admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    operatorSlug = (await createOperator(t, admin, [operatorAdmin.handle])).slug;
    board = await createBoard(t, operatorAdmin, operatorSlug);
    partner = await createPartner(t, operatorAdmin, operatorSlug, 'Pay Games');
    await activeCampaign(t, operatorAdmin, partner.id, [board.slug], {
      landingUrl: 'https://games.example/pay',
      commission: { kind: 'PERCENT', basisPoints: 1250, currency: 'EUR' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('pays exactly the sum of commissions, and takes a reversed paid one back on the next payout', async () => {
    const rep = await registerUser(t);
    const { code } = await answerWithLink(rep);
    // 12.5 % of each, rounded down to the cent: 124 + 1 + 1250 = 1375.
    const amounts = [999, 15, 10_000];
    const conversions = [];
    for (const amount of amounts) conversions.push(await convert(code, amount));
    expect(conversions.map((c) => c.commission.amountMinor)).toEqual([124, 1, 1250]);

    expect(await passHold(rep)).toBeGreaterThanOrEqual(3);
    const first = await payout(rep);
    expect(first.data!.createPayout).toEqual([
      { commissionCount: 3, total: { amountMinor: '1375', currency: 'EUR' }, adjustments: { amountMinor: '0' } },
    ]);
    const again = await payout(rep);
    expect(again.errors?.[0].extensions?.reason).toBe('NOTHING_TO_PAY');

    // The partner refunds the largest order after it was paid.
    const reversal = await sendWebhook(
      t,
      partner.id,
      partner.secret,
      { externalId: conversions[2].externalId, reason: 'refunded' },
      { path: '/reversals' },
    );
    expect(reversal.body).toMatchObject({
      isReversed: true,
      commission: { status: 'REVERSED', reason: 'PARTNER_REVERSED' },
    });
    const replayed = await sendWebhook(
      t,
      partner.id,
      partner.secret,
      { externalId: conversions[2].externalId },
      { path: '/reversals' },
    );
    expect(replayed.body).toEqual(reversal.body);

    // Nothing positive to pay yet: the negative balance is carried forward.
    expect((await payout(rep)).errors?.[0].extensions?.reason).toBe('NOTHING_TO_PAY');
    const later = await convert(code, 20_000); // 2500
    await passHold(rep);
    const second = await payout(rep);
    expect(second.data!.createPayout).toEqual([
      { commissionCount: 1, total: { amountMinor: '1250', currency: 'EUR' }, adjustments: { amountMinor: '-1250' } },
    ]);
    expect(later.commission.amountMinor).toBe(2500);

    // Money: what was paid equals what was earned and kept, to the minor unit.
    const kept = (await myCommissions(t, rep))
      .filter((c) => c.status === 'PAID')
      .reduce((sum, c) => sum + Number(c.amount.amountMinor), 0);
    expect(kept).toBe(124 + 1 + 2500);
    expect(1375 + 1250).toBe(kept);
  });

  it('freezes pending commissions while moderation hides the answer, and reverses them when it is deleted', async () => {
    const rep = await registerUser(t);
    const hidden = await answerWithLink(rep);
    const deleted = await answerWithLink(rep);
    await convert(hidden.code, 8000);
    await convert(deleted.code, 8000);

    const moderate = (mutation: string, postId: string) =>
      t.graphql(
        `mutation ($p: ID!) { ${mutation}(postId: $p, reason: "referral spam") { id } }`,
        { p: postId },
        { token: operatorAdmin.accessToken },
      );
    expect((await moderate('hidePost', hidden.answerId)).errors).toBeUndefined();
    expect((await moderate('deletePost', deleted.answerId)).errors).toBeUndefined();

    const byAnswer = async () =>
      Object.fromEntries(
        (await myCommissions(t, rep)).map((c) => [
          c.answerId,
          { status: c.status, isFrozen: c.isFrozen, reason: c.reason },
        ]),
      );
    expect(await byAnswer()).toEqual({
      [hidden.answerId]: { status: 'PENDING', isFrozen: true, reason: null },
      [deleted.answerId]: { status: 'REVERSED', isFrozen: true, reason: 'POST_REMOVED' },
    });

    await passHold(rep);
    expect((await byAnswer())[hidden.answerId].status).toBe('PENDING');

    const restored = await t.graphql(
      'mutation ($p: ID!) { hidePost(postId: $p, reason: "reviewed, fine", isHidden: false) { id } }',
      { p: hidden.answerId },
      { token: operatorAdmin.accessToken },
    );
    expect(restored.errors).toBeUndefined();
    await job.run();
    expect((await byAnswer())[hidden.answerId]).toEqual({ status: 'APPROVED', isFrozen: false, reason: null });
  });

  it("holds a suspended rep's pending commissions until the suspension ends", async () => {
    const rep = await registerUser(t);
    const { code } = await answerWithLink(rep);
    await convert(code, 4000);
    const suspended = await t.graphql(
      'mutation ($h: String!, $u: DateTime) { suspendUser(handle: $h, until: $u, reason: "under review") { handle } }',
      { h: rep.handle, u: new Date(t.clock.now().getTime() + 60 * DAY).toISOString() },
      { token: admin.accessToken },
    );
    expect(suspended.errors).toBeUndefined();
    t.clock.advance(31 * DAY);
    expect(await job.run()).toBe(0); // past the hold, but held while suspended
    t.clock.advance(30 * DAY);
    expect(await job.run()).toBe(1);
    await signIn(rep, operatorAdmin, admin);
    expect((await myCommissions(t, rep))[0].status).toBe('APPROVED');
  });

  it('lets an operator admin reverse a conversion with a reason code', async () => {
    const rep = await registerUser(t);
    const { code } = await answerWithLink(rep);
    const conversion = await convert(code, 1000);
    const stranger = await registerUser(t);
    const reverse = (by: TestUser) =>
      t.graphql(
        'mutation ($c: ID!) { reverseConversion(conversionId: $c, reason: FRAUD_SUSPECTED) { isReversed commission { status reason } } }',
        { c: conversion.conversionId },
        { token: by.accessToken },
      );
    expect((await reverse(stranger)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await reverse(operatorAdmin)).data!.reverseConversion).toEqual({
      isReversed: true,
      commission: { status: 'REVERSED', reason: 'FRAUD_SUSPECTED' },
    });
  });
});
