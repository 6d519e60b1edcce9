import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReputationVerifier } from '@helpboard/reputation';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask, vote } from './support/threads.js';

describe('reputation: exact, explainable, reversible', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let board: { slug: string };

  const reputationOf = async (user: TestUser) =>
    (await t.graphql('query ($h: String!) { user(handle: $h) { reputation } }', { h: user.handle })).data!.user
      .reputation as number;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug);
  });
  afterAll(async () => {
    await t.close();
  });

  // Found by the property test: reversals ignored the floor.
  it('never lets a reversal take reputation below 1, and keeps the ledger exact', async () => {
    const [asker, answerer, critic] = await Promise.all(Array.from({ length: 3 }, () => registerUser(t)));
    const q = await ask(t, asker, board.slug);
    const a = await answer(t, answerer, q.id);
    await t.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
      { a: a.id },
      { token: asker.accessToken },
    );
    expect(await reputationOf(asker)).toBe(3); // 1 + 2 for accepting
    await vote(t, critic, q.id, 'DOWN'); // −2
    expect(await reputationOf(asker)).toBe(1);
    await t.graphql(
      'mutation ($a: ID!) { unacceptAnswer(answerId: $a) { id } }',
      { a: a.id },
      {
        token: asker.accessToken,
      },
    );
    expect(await reputationOf(asker)).toBe(1); // the +2 cannot be taken back below the floor
    expect((await t.app.get(ReputationVerifier).verify()).drifts).toEqual([]);
  });

  it('gives and takes back reputation for votes, accepts and official marks, exactly', async () => {
    const [asker, answerer, voter, rep] = await Promise.all(Array.from({ length: 4 }, () => registerUser(t)));
    await setBoardRole(t, operatorAdmin, board.slug, rep.handle, 'STAFF');
    expect(await reputationOf(answerer)).toBe(1);
    const q = await ask(t, asker, board.slug);
    const a = await answer(t, answerer, q.id);

    await vote(t, voter, a.id, 'UP');
    expect(await reputationOf(answerer)).toBe(11);
    await vote(t, voter, a.id, 'DOWN'); // within the change window: +10 taken back, −2 applied
    expect(await reputationOf(answerer)).toBe(1); // floor: 1 − 2 stays at 1
    expect(await reputationOf(voter)).toBe(1); // −1 for downvoting an answer, floored too
    await vote(t, voter, a.id, 'UP');
    expect(await reputationOf(answerer)).toBe(11);

    await t.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
      { a: a.id },
      { token: asker.accessToken },
    );
    expect(await reputationOf(answerer)).toBe(26);
    expect(await reputationOf(asker)).toBe(3);
    await t.graphql(
      'mutation ($a: ID!) { markOfficialAnswer(answerId: $a) { id } }',
      { a: a.id },
      { token: rep.accessToken },
    );
    expect(await reputationOf(answerer)).toBe(36);

    await t.graphql(
      'mutation ($a: ID!) { unacceptAnswer(answerId: $a) { id } }',
      { a: a.id },
      { token: asker.accessToken },
    );
    await t.graphql(
      'mutation ($a: ID!) { unmarkOfficialAnswer(answerId: $a) { id } }',
      { a: a.id },
      { token: rep.accessToken },
    );
    expect(await reputationOf(answerer)).toBe(11);
    expect(await reputationOf(asker)).toBe(1);

    const history = await t.graphql(
      'query ($h: String!) { user(handle: $h) { reputationHistory(first: 3) { edges { node { kind delta } } } } }',
      { h: answerer.handle },
    );
    expect(history.data!.user.reputationHistory.edges.map((e: any) => e.node.kind)).toEqual([
      'REVERSAL',
      'REVERSAL',
      'OFFICIAL_ANSWER',
    ]);

    const card = await t.graphql(
      'query ($id: ID!) { thread(id: $id) { answers { edges { node { author { reputation } } } } } }',
      { id: q.id },
    );
    expect(card.data!.thread.answers.edges[0].node.author.reputation).toBe(11);
  });

  it('caps reputation from votes at 200 a day, and ranks the board leaderboard', async () => {
    const [asker, star] = await Promise.all([registerUser(t), registerUser(t)]);
    const q = await ask(t, asker, board.slug);
    const a = await answer(t, star, q.id);
    const voters = await Promise.all(Array.from({ length: 22 }, () => registerUser(t)));
    for (const v of voters) await vote(t, v, a.id, 'UP');
    expect(await reputationOf(star)).toBe(201);
    t.clock.advance(24 * 3_600_000);
    const late = await registerUser(t);
    await vote(t, late, a.id, 'UP');
    expect(await reputationOf(star)).toBe(211);

    const leaderboard = await t.graphql(
      'query ($b: String!) { leaderboard(boardSlug: $b, period: ALL, first: 3) { rank reputation user { handle } } }',
      { b: board.slug },
    );
    // All time: reputation on the board, 1 + the 210 earned there, as everywhere a board's reputation shows.
    expect(leaderboard.data!.leaderboard[0]).toEqual({ rank: 1, reputation: 211, user: { handle: star.handle } });
    const onBoard = async (user: TestUser) =>
      (
        await t.graphql('query ($h: String!, $b: String!) { user(handle: $h) { reputation(boardSlug: $b) } }', {
          h: user.handle,
          b: board.slug,
        })
      ).data!.user.reputation as number;
    expect(await onBoard(star)).toBe(211);
    expect(await onBoard(asker)).toBe(1); // earned nothing there: the starting 1, like overall
    const week = await t.graphql(
      'query ($b: String!) { leaderboard(boardSlug: $b, period: WEEK) { user { handle } } }',
      { b: board.slug },
    );
    expect(week.data!.leaderboard[0].user.handle).toBe(star.handle);
  });

  it('recomputes every total from the ledger with zero drift', async () => {
    const { checked, drifts } = await t.app.get(ReputationVerifier).verify();
    expect(checked).toBeGreaterThan(0);
    expect(drifts).toEqual([]);
  });
});

describe('reputation: serial voting', () => {
  it('takes back what one voter’s burst of votes on one user gave, once, and says why', async () => {
    const { SerialVotingJob } = await import('@helpboard/reputation');
    const t = await startTestApp();
    try {
      const admin = await createPlatformAdmin(t);
      const operatorAdmin = await registerUser(t);
      const operator = await createOperator(t, admin, [operatorAdmin.handle]);
      const board = await createBoard(t, operatorAdmin, operator.slug);
      const [friend, target, asker, fair] = await Promise.all(Array.from({ length: 4 }, () => registerUser(t)));
      const answers: string[] = [];
      for (let i = 0; i < 10; i++) {
        const q = await ask(t, asker, board.slug, { title: `Question ${i} that the target answers quickly` });
        answers.push((await answer(t, target, q.id)).id);
      }
      for (const id of answers) await vote(t, friend, id, 'UP');
      await vote(t, fair, answers[0], 'UP');
      const reputation = async () =>
        (
          await t.graphql(
            'query ($h: String!) { user(handle: $h) { reputation reputationHistory(first: 1) { edges { node { kind cause } } } } }',
            { h: target.handle },
          )
        ).data!.user;
      expect((await reputation()).reputation).toBe(111);

      const job = t.app.get(SerialVotingJob);
      expect(await job.run()).toBe(10);
      expect(await reputation()).toEqual({
        reputation: 11,
        reputationHistory: { edges: [{ node: { kind: 'REVERSAL', cause: `serial-voting:${friend.id}` } }] },
      });
      await job.run();
      expect((await reputation()).reputation).toBe(11);
      const { drifts } = await t.app.get(ReputationVerifier).verify();
      expect(drifts).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('reputation: privileges', () => {
  it('needs 15 reputation to upvote, 125 to downvote and 50 to comment on others’ posts (board defaults)', async () => {
    const t = await startTestApp();
    try {
      const admin = await createPlatformAdmin(t);
      const operatorAdmin = await registerUser(t);
      const operator = await createOperator(t, admin, [operatorAdmin.handle]);
      // A board with the default privilege thresholds.
      const strict = await createBoard(t, operatorAdmin, operator.slug, {
        settings: { privileges: { upvote: 15, downvote: 125, comment: 50 } },
      });
      const [asker, newcomer, rep] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
      await setBoardRole(t, operatorAdmin, strict.slug, rep.handle, 'STAFF');
      const q = await ask(t, asker, strict.slug);
      const up = await vote(t, newcomer, q.id, 'UP');
      expect(up.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PRIVILEGE_REQUIRED' });
      const commented = await t.graphql(
        'mutation ($p: ID!) { addComment(postId: $p, body: "Me too!") { id } }',
        { p: q.id },
        { token: newcomer.accessToken },
      );
      expect(commented.errors?.[0].extensions?.reason).toBe('PRIVILEGE_REQUIRED');
      const own = await t.graphql(
        'mutation ($p: ID!) { addComment(postId: $p, body: "More details: Android 15.") { id } }',
        { p: q.id },
        { token: asker.accessToken },
      );
      expect(own.errors).toBeUndefined();
      // Nothing was stored by the refused vote; staff act by role.
      expect((await t.graphql('query ($id: ID!) { thread(id: $id) { score } }', { id: q.id })).data!.thread.score).toBe(
        0,
      );
      expect((await vote(t, rep, q.id, 'UP')).errors).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
