import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommissionApprovalJob } from '@helpboard/referrals';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { notificationsOf } from './support/notifications.js';
import { activeCampaign, clickLink, codeIn, createPartner, sendWebhook } from './support/referrals.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { answer, ask } from './support/threads.js';

describe('commission notifications', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let operatorSlug: string;
  let board: { slug: string };
  let partner: { id: string; secret: string };
  const fresh = async (user: TestUser): Promise<TestUser> => ({
    ...user,
    accessToken: (await login(t, user.handle)).data!.login.accessToken,
  });
  const commissionTexts = async (user: TestUser, locale?: string) =>
    (await notificationsOf(t, await fresh(user), { locale }))
      .filter((n) => n.kind === 'COMMISSION')
      .map((n) => n.text as string)
      .reverse();

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    operatorSlug = (await createOperator(t, admin, [operatorAdmin.handle])).slug;
    board = await createBoard(t, operatorAdmin, operatorSlug);
    partner = await createPartner(t, operatorAdmin, operatorSlug, 'Mobile Games');
    await activeCampaign(t, operatorAdmin, partner.id, [board.slug], { landingUrl: 'https://games.example/join' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('tells the rep when a commission is earned, approved, paid and reversed', async () => {
    const rep = await registerUser(t);
    const question = await ask(t, await registerUser(t), board.slug, { title: 'Any sign-up bonus for the game?' });
    await answer(t, rep, question.id, 'Yes, sign up here for a bonus: https://games.example/join');
    const page = await t.graphql('query ($id: ID!) { thread(id: $id) { answers { edges { node { body } } } } }', {
      id: question.id,
    });
    const code = codeIn(page.data!.thread.answers.edges[0].node.body)!;
    const click = await clickLink(t, code, { ip: '198.51.100.7' });
    const converted = await sendWebhook(t, partner.id, partner.secret, {
      externalId: 'order-1',
      clickId: click.clickId,
      occurredAt: t.clock.now().toISOString(),
    });
    expect(converted.status).toBe(200);
    expect(await commissionTexts(rep)).toEqual([
      'You earned a commission of 5.00 USD; it is held until the campaign’s hold ends.',
    ]);

    t.clock.advance(31 * 24 * 3_600_000);
    await t.app.get(CommissionApprovalJob).run();
    const paid = await t.graphql(
      'mutation ($u: ID!, $o: String!) { createPayout(userId: $u, operatorSlug: $o) { commissionCount } }',
      { u: rep.id, o: operatorSlug },
      { token: (await fresh(operatorAdmin)).accessToken },
    );
    expect(paid.errors).toBeUndefined();
    await sendWebhook(t, partner.id, partner.secret, { externalId: 'order-1' }, { path: '/reversals' });

    expect((await commissionTexts(rep)).slice(1)).toEqual([
      'Your commission of 5.00 USD was approved and will be in your next payout.',
      'Your commission of 5.00 USD was paid.',
      'Your commission of 5.00 USD was reversed (PARTNER_REVERSED).',
    ]);
    expect((await commissionTexts(rep, 'zh-CN'))[2]).toBe('你的 5.00 USD 佣金已支付。');
    // Nobody else hears of the rep's money.
    expect(await commissionTexts(operatorAdmin)).toEqual([]);
  });
});
