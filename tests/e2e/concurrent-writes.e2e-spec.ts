// Writers who meet on one board, one thread or one post do not fail: conflicting transactions
// are retried, never answered with a 5xx, the counters come out exact and the reputation
// projections still equal what the ledger recomputes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReputationVerifier } from '@helpboard/reputation';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { ask, THREAD_PAGE, vote } from './support/threads.js';

const WRITERS = 50;

describe('concurrent writes', () => {
  let t: TestApp;
  let board: { slug: string };
  let asker: TestUser;
  let people: TestUser[];

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    const operator = await createOperator(t, admin, [admin.handle]);
    board = await createBoard(t, admin, operator.slug);
    asker = await registerUser(t);
    people = [];
    while (people.length < WRITERS) {
      people.push(...(await Promise.all(Array.from({ length: 10 }, () => registerUser(t)))));
    }
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  const expectNoFailures = (responses: GraphQLResponse[]) => {
    expect(responses.map((r) => r.status).filter((status) => status >= 500)).toEqual([]);
    expect(responses.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual([]);
  };

  const thread = async (id: string) =>
    (await t.graphql(THREAD_PAGE, { id }, { token: asker.accessToken })).data!.thread;

  it('takes 50 answers at once on one board, ten to each of five threads', async () => {
    const threads = await Promise.all(Array.from({ length: 5 }, () => ask(t, asker, board.slug)));
    const responses = await Promise.all(
      people.map((person, i) =>
        t.graphql(
          'mutation ($t: ID!, $b: String!) { postAnswer(threadId: $t, body: $b) { id } }',
          { t: threads[i % 5].id, b: `Answer ${i}: restart the phone, then reset the network settings.` },
          { token: person.accessToken },
        ),
      ),
    );
    expectNoFailures(responses);
    for (const { id } of threads) {
      const page = await thread(id);
      expect(page.answerCount).toBe(10);
      expect(page.answers.edges).toHaveLength(10);
    }
    expect((await t.app.get(ReputationVerifier).verify()).drifts).toEqual([]);
  }, 180_000);

  it('counts 50 votes cast at once on one post by different voters', async () => {
    const question = await ask(t, asker, board.slug);
    const responses = await Promise.all(people.map((person) => vote(t, person, question.id, 'UP')));
    expectNoFailures(responses);
    const page = await thread(question.id);
    expect(page.question.score).toBe(WRITERS);
    expect(page.score).toBe(WRITERS);
    expect((await t.app.get(ReputationVerifier).verify()).drifts).toEqual([]);
  }, 180_000);

  it('counts one vote when one voter sends the same vote 10 times at once', async () => {
    const question = await ask(t, asker, board.slug);
    const voter = people[0];
    const responses = await Promise.all(Array.from({ length: 10 }, () => vote(t, voter, question.id, 'UP')));
    expectNoFailures(responses);
    expect(responses.map((r) => r.data!.vote.score)).toEqual(Array(10).fill(1));
    const page = await t.graphql(THREAD_PAGE, { id: question.id }, { token: voter.accessToken });
    expect(page.data!.thread.question).toMatchObject({ score: 1, viewerVote: 'UP' });
    expect((await t.app.get(ReputationVerifier).verify()).drifts).toEqual([]);
  }, 120_000);
});
