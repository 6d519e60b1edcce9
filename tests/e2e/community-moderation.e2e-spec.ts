// Trusted users close and reopen questions by vote, and read the moderation log, by reputation.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { ask, vote } from './support/threads.js';

describe('community moderation by reputation', () => {
  let t: TestApp;
  let board: { slug: string };
  let trusted: TestUser[];
  let newcomer: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    const operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug, {
      settings: { privileges: { closeVotes: 20, moderationTools: 20 } },
    });
    // Three users earn 21 on the operator's boards: two upvotes on a question of theirs.
    const elsewhere = await createBoard(t, operatorAdmin, operator.slug);
    const voters = await Promise.all([registerUser(t), registerUser(t)]);
    trusted = await Promise.all(Array.from({ length: 3 }, () => registerUser(t)));
    for (const [i, user] of trusted.entries()) {
      const q = await ask(t, user, elsewhere.slug, { title: `Earning question number ${i} about coverage maps` });
      for (const voter of voters) await vote(t, voter, q.id, 'UP');
    }
    newcomer = await registerUser(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const voteToClose = (user: TestUser, threadId: string, reason: string) =>
    t.graphql(
      'mutation ($t: ID!, $r: CloseReason!) { voteToClose(threadId: $t, reason: $r) { votes needed thread { status closeReason } } }',
      { t: threadId, r: reason },
      { token: user.accessToken },
    );
  const voteToReopen = (user: TestUser, threadId: string) =>
    t.graphql(
      'mutation ($t: ID!) { voteToReopen(threadId: $t) { votes needed thread { status } } }',
      { t: threadId },
      { token: user.accessToken },
    );

  it('closes a question on the third vote, with the reason most voters chose, and reopens it the same way', async () => {
    const question = await ask(t, newcomer, board.slug, { title: 'Which football team will win the league?' });
    const denied = await voteToClose(newcomer, question.id, 'OFF_TOPIC');
    expect(denied.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      details: { privilege: 'CLOSE_VOTES', required: 20 },
    });

    expect((await voteToClose(trusted[0], question.id, 'OFF_TOPIC')).data!.voteToClose).toEqual({
      votes: 1,
      needed: 3,
      thread: { status: 'OPEN', closeReason: null },
    });
    expect((await voteToClose(trusted[0], question.id, 'OFF_TOPIC')).errors?.[0].extensions?.reason).toBe(
      'ALREADY_VOTED',
    );
    await voteToClose(trusted[1], question.id, 'OPINION_BASED');
    expect((await voteToClose(trusted[2], question.id, 'OFF_TOPIC')).data!.voteToClose).toEqual({
      votes: 3,
      needed: 3,
      thread: { status: 'CLOSED', closeReason: 'OFF_TOPIC' },
    });

    for (const user of trusted.slice(0, 2)) {
      expect((await voteToReopen(user, question.id)).data!.voteToReopen.thread.status).toBe('CLOSED');
    }
    expect((await voteToReopen(trusted[2], question.id)).data!.voteToReopen).toEqual({
      votes: 3,
      needed: 3,
      thread: { status: 'OPEN' },
    });
  });

  it('shows the moderation log to users with the moderation-tools privilege, and not to others', async () => {
    const question = await ask(t, newcomer, board.slug, { title: 'What is the best pizza topping of all time?' });
    for (const user of trusted) await voteToClose(user, question.id, 'OPINION_BASED');
    const log = await t.graphql(
      'query ($b: String!) { moderationLog(boardSlug: $b, first: 1) { action targetId reason actor { handle } } }',
      { b: board.slug },
      { token: trusted[0].accessToken },
    );
    expect(log.data!.moderationLog).toEqual([
      {
        action: 'CLOSE',
        targetId: question.id,
        reason: 'OPINION_BASED: community vote (3)',
        actor: { handle: trusted[2].handle },
      },
    ]);
    const denied = await t.graphql(
      'query ($b: String!) { moderationLog(boardSlug: $b) { id } }',
      { b: board.slug },
      {
        token: newcomer.accessToken,
      },
    );
    expect(denied.errors?.[0].extensions?.details).toEqual({ privilege: 'MODERATION_TOOLS', required: 20 });
  });
});
