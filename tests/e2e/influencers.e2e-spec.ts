import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ViewCounter } from '../../libs/threads/src/views/view-counter.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { afterCommitJobsDone, startTestApp, type TestApp } from './support/test-app.js';
import { answer, ask, vote } from './support/threads.js';

const INFLUENCERS = `query ($o: String!, $p: InfluencePeriod, $by: InfluenceMeasure, $n: Int) {
  influencers(operatorSlug: $o, period: $p, by: $by, first: $n) {
    staff { handle answerViews answers acceptedAnswers followers reputationGained }
    peers { handle answerViews answers acceptedAnswers followers reputationGained }
  }
}`;
const ACCEPT = 'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }';

describe('influencers', () => {
  let t: TestApp;
  let owner: TestUser;
  let operatorSlug: string;
  let staff: TestUser;
  let helpful: TestUser;
  let occasional: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    owner = await registerUser(t);
    operatorSlug = (await createOperator(t, admin, [owner.handle])).slug;
    const board = await createBoard(t, owner, operatorSlug, { settings: { privileges: { upvote: 0 } } });
    [staff, helpful, occasional] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    await setBoardRole(t, owner, board.slug, staff.handle, 'STAFF');
    const [asker, reader, voter] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);

    const roaming = await ask(t, asker, board.slug, { title: 'How do I enable roaming in Japan?' });
    const peerAnswer = await answer(t, helpful, roaming.id, 'Settings → Mobile data → Roaming, then restart.');
    await t.graphql(ACCEPT, { a: peerAnswer.id }, { token: asker.accessToken });
    await vote(t, voter, peerAnswer.id, 'UP');
    // Follows and views credit the answerers that the answers' after-commit jobs recorded.
    await afterCommitJobsDone(t);
    const followed = await t.graphql(
      'mutation ($t: ID!) { follow(input: { threadId: $t }) { createdAt } }',
      { t: roaming.id },
      { token: reader.accessToken },
    );
    expect(followed.errors).toBeUndefined();
    const views = t.app.get(ViewCounter);
    for (let i = 0; i < 30; i++) views.record(roaming.id, `reader-${i}`);
    await views.flush();

    const billing = await ask(t, asker, board.slug, { title: 'Why is my bill higher this month?' });
    await answer(t, occasional, billing.id, 'Check for roaming charges.');
    const staffAnswer = await answer(t, staff, billing.id, 'A one-off activation fee; it will not recur.');
    await t.graphql(ACCEPT, { a: staffAnswer.id }, { token: asker.accessToken });
    await afterCommitJobsDone(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const query = (variables: Record<string, unknown>, user = owner) =>
    t.graphql(INFLUENCERS, { o: operatorSlug, ...variables }, { token: user.accessToken });

  it('ranks staff and peers separately by views, accepted answers, followers and reputation', async () => {
    const byAccepted = (await query({ p: 'MONTH', by: 'ACCEPTED_ANSWERS' })).data!.influencers;
    expect(byAccepted.staff).toEqual([
      { handle: staff.handle, answerViews: 0, answers: 1, acceptedAnswers: 1, followers: 0, reputationGained: 15 },
    ]);
    expect(byAccepted.peers).toEqual([
      {
        handle: helpful.handle,
        answerViews: 30,
        answers: 1,
        acceptedAnswers: 1,
        followers: 1,
        reputationGained: 25,
      },
    ]);
    const byViews = (await query({ p: 'ALL', by: 'ANSWER_VIEWS' })).data!.influencers;
    expect(byViews.peers.map((row: { handle: string }) => row.handle)).toEqual([helpful.handle]);
    const byReputation = (await query({ p: 'WEEK', by: 'REPUTATION_GAINED' })).data!.influencers;
    // The asker gained the acceptor's bonus twice (+2 each): a peer, behind the helpful answerer.
    expect(byReputation.peers.map((row: { reputationGained: number }) => row.reputationGained)).toEqual([25, 4]);
    expect(byReputation.peers[0].handle).toBe(helpful.handle);
    expect(byReputation.staff.map((row: { handle: string }) => row.handle)).toEqual([staff.handle]);
    const byFollowers = (await query({ by: 'FOLLOWERS' })).data!.influencers;
    expect(byFollowers.peers).toHaveLength(1);
  });

  it("is for the operator's admins only, with a bounded size", async () => {
    expect((await query({}, staff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.graphql(INFLUENCERS, { o: operatorSlug })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await query({ n: 0 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await query({ n: 51 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
