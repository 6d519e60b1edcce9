import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BountyService } from '@helpboard/reputation';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { answer, ask, vote } from './support/threads.js';

describe('bounties', () => {
  let t: TestApp;
  let board: { slug: string };

  const reputationOf = async (user: TestUser) =>
    (await t.graphql('query ($h: String!) { user(handle: $h) { reputation } }', { h: user.handle })).data!.user
      .reputation as number;

  /** A user with reputation to spend: 10 upvotes on an answer = 101. */
  async function richUser(): Promise<TestUser> {
    const [rich, asker] = await Promise.all([registerUser(t), registerUser(t)]);
    const q = await ask(t, asker, board.slug, { title: 'A question that makes someone rich in reputation' });
    const a = await answer(t, rich, q.id);
    for (const voter of await Promise.all(Array.from({ length: 10 }, () => registerUser(t))))
      await vote(t, voter, a.id, 'UP');
    return rich;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    const operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug);
  });
  afterAll(async () => {
    await t.close();
  });

  const START = 'mutation ($t: ID!, $a: Int!) { startBounty(threadId: $t, amount: $a) { id amount status endsAt } }';
  const AWARD = 'mutation ($a: ID!) { awardBounty(answerId: $a) { status awardedAnswerId } }';

  it('takes the bounty from the starter at once and gives it to the awarded answer', async () => {
    const starter = await richUser();
    const [helper, other] = await Promise.all([registerUser(t), registerUser(t)]);
    const q = await ask(t, starter, board.slug, { title: 'Need a real fix for dropped calls in the subway' });
    expect(
      (await t.graphql(START, { t: q.id, a: 10 }, { token: starter.accessToken })).errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await t.graphql(START, { t: q.id, a: 50 }, { token: helper.accessToken })).errors?.[0].extensions?.reason,
    ).toBe('NOT_ENOUGH_REPUTATION');
    const started = await t.graphql(START, { t: q.id, a: 50 }, { token: starter.accessToken });
    expect(started.data?.startBounty).toMatchObject({ amount: 50, status: 'OPEN' });
    expect(await reputationOf(starter)).toBe(51);
    expect(
      (await t.graphql(START, { t: q.id, a: 50 }, { token: starter.accessToken })).errors?.[0].extensions?.reason,
    ).toBe('BOUNTY_OPEN');

    const a = await answer(t, helper, q.id, 'Enable Wi-Fi calling; the subway has Wi-Fi on the platforms.');
    expect((await t.graphql(AWARD, { a: a.id }, { token: other.accessToken })).errors?.[0].extensions?.reason).toBe(
      'NOT_BOUNTY_STARTER',
    );
    expect((await t.graphql(AWARD, { a: a.id }, { token: starter.accessToken })).data?.awardBounty).toEqual({
      status: 'AWARDED',
      awardedAnswerId: a.id,
    });
    expect(await reputationOf(helper)).toBe(51);
    expect(
      (await t.graphql('query ($id: ID!) { thread(id: $id) { bounty { id } } }', { id: q.id })).data?.thread.bounty,
    ).toBeNull();
  });

  it('after 7 days gives half to the best new answer scoring 2 or more, otherwise nothing', async () => {
    const starter = await richUser();
    const [good, weak, v1, v2] = await Promise.all(Array.from({ length: 4 }, () => registerUser(t)));
    const withAnswer = await ask(t, starter, board.slug, { title: 'Bounty that ends with a good answer' });
    const withoutAnswer = await ask(t, starter, board.slug, { title: 'Bounty that ends with nothing good enough' });
    await t
      .graphql(START, { t: withAnswer.id, a: 100 }, { token: starter.accessToken })
      .then((r) => expect(r.errors).toBeUndefined());
    expect(await reputationOf(starter)).toBe(1);
    const a = await answer(t, good, withAnswer.id, 'A careful answer worth the bounty.');
    await vote(t, v1, a.id, 'UP');
    await vote(t, v2, a.id, 'UP');
    await answer(t, weak, withAnswer.id, 'A quick guess.');

    const service = t.app.get(BountyService);
    expect(await service.expireDue()).toBe(0);
    t.clock.advance(7 * 86_400_000 + 1);
    expect(await service.expireDue()).toBe(1);
    expect(await reputationOf(good)).toBe(1 + 20 + 50);
    expect(await service.expireDue()).toBe(0); // settled once

    const fresh = (await login(t, starter.handle)).data!.login; // a week later: a new session
    const rich = await richUser();
    const bounty = await t.graphql(START, { t: withoutAnswer.id, a: 50 }, { token: fresh.accessToken });
    expect(bounty.errors?.[0].extensions?.reason).toBe('NOT_ENOUGH_REPUTATION');
    const q3 = await ask(t, rich, board.slug, { title: 'A bounty nobody answers well' });
    await t.graphql(START, { t: q3.id, a: 50 }, { token: rich.accessToken });
    const lonely = await answer(t, await registerUser(t), q3.id, 'Not much of an answer.');
    t.clock.advance(7 * 86_400_000 + 1);
    await service.expireDue();
    expect(
      (await t.graphql('query ($id: ID!) { thread(id: $id) { bounty { id } } }', { id: q3.id })).data?.thread.bounty,
    ).toBeNull();
    expect(lonely).toBeDefined();
    expect(await reputationOf(rich)).toBe(51);
  });
});
