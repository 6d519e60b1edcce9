// Property: whatever sequence of votes, vote changes, accepts, official marks, hides and
// restores people make, the projections equal what the ledger recomputes, nobody's overall
// reputation falls below 1, and nobody gains more than the board's daily cap from votes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ReputationVerifier } from '@helpboard/reputation';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask, vote } from './support/threads.js';

const DAILY_CAP = 20; // low, so that short sequences reach it
const PEOPLE = 4;
const ANSWERS = 3;

type Action =
  | { kind: 'vote'; voter: number; post: number; direction: 'UP' | 'DOWN' | 'NONE' }
  | { kind: 'accept' | 'unaccept' | 'official' | 'unofficial'; answer: number }
  | { kind: 'hide' | 'restore'; post: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('vote' as const),
      voter: fc.nat(PEOPLE - 1),
      post: fc.nat(ANSWERS),
      direction: fc.constantFrom('UP' as const, 'DOWN' as const, 'NONE' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('accept' as const, 'unaccept' as const, 'official' as const, 'unofficial' as const),
      answer: fc.nat(ANSWERS - 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('hide' as const, 'restore' as const), post: fc.nat(ANSWERS) }),
  },
);

describe('reputation properties', () => {
  let t: TestApp;
  let admin: TestUser;
  let operatorAdmin: TestUser;
  let operator: { slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    operator = await createOperator(t, admin, [operatorAdmin.handle]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps projections equal to the ledger, the floor at 1 and the daily cap, for any sequence of actions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 20 }), async (actions) => {
        const board = await createBoard(t, operatorAdmin, operator.slug, {
          settings: { reputation: { dailyVoteCap: DAILY_CAP } },
        });
        const people = await Promise.all(Array.from({ length: PEOPLE }, () => registerUser(t)));
        const staff = people[PEOPLE - 1];
        await setBoardRole(t, operatorAdmin, board.slug, staff.handle, 'STAFF');
        const asker = people[0];
        const question = await ask(t, asker, board.slug);
        const posts = [question.id];
        for (let i = 0; i < ANSWERS; i++) posts.push((await answer(t, people[1 + (i % (PEOPLE - 1))], question.id)).id);
        const answers = posts.slice(1);

        for (const step of actions) await perform(step, { people, asker, staff, posts, answers });

        const { drifts } = await t.app.get(ReputationVerifier).verify();
        expect(drifts).toEqual([]);
        for (const person of people) {
          const overall = await t.graphql('query ($h: String!) { user(handle: $h) { reputation } }', {
            h: person.handle,
          });
          expect(overall.data!.user.reputation).toBeGreaterThanOrEqual(1);
        }
        expect(await largestDailyVoteGain(board.id)).toBeLessThanOrEqual(DAILY_CAP);
      }),
      // Each run is a whole story through the API: report the first counterexample rather than
      // spend minutes shrinking it (fast-check prints its seed to replay it).
      { numRuns: 8, endOnFailure: true },
    );
  }, 120_000); // eight whole stories through the API

  async function perform(
    step: Action,
    ctx: { people: TestUser[]; asker: TestUser; staff: TestUser; posts: string[]; answers: string[] },
  ): Promise<void> {
    // Refusals (own post, vote lock, not the asker) are part of the game: they must leave nothing behind.
    const run = (query: string, variables: Record<string, unknown>, by: TestUser) =>
      t.graphql(query, variables, { token: by.accessToken });
    switch (step.kind) {
      case 'vote':
        await vote(t, ctx.people[step.voter], ctx.posts[step.post], step.direction);
        return;
      case 'accept':
      case 'unaccept':
        await run(
          `mutation ($a: ID!) { ${step.kind}Answer(answerId: $a) { id } }`,
          { a: ctx.answers[step.answer] },
          ctx.asker,
        );
        return;
      case 'official':
      case 'unofficial':
        await run(
          `mutation ($a: ID!) { ${step.kind === 'official' ? 'markOfficialAnswer' : 'unmarkOfficialAnswer'}(answerId: $a) { id } }`,
          { a: ctx.answers[step.answer] },
          ctx.staff,
        );
        return;
      case 'hide':
      case 'restore':
        await run(
          'mutation ($p: ID!, $h: Boolean!) { hidePost(postId: $p, isHidden: $h, reason: "property test") { id } }',
          { p: ctx.posts[step.post], h: step.kind === 'hide' },
          admin,
        );
        return;
    }
  }

  /**
   * The most anyone netted from votes on one UTC day on this board, straight from the ledger:
   * downvotes received count against the cap, so the net, not the sum of gains, stays within it.
   */
  async function largestDailyVoteGain(boardId: string): Promise<number> {
    const { ObjectId } = await import('mongodb');
    const rows = await t.app
      .get<Connection>(getConnectionToken())
      .db!.collection('reputation_ledger')
      .aggregate<{ gain: number }>([
        {
          $match: {
            boardId: new ObjectId(boardId),
            kind: { $in: ['QUESTION_UPVOTED', 'ANSWER_UPVOTED', 'POST_DOWNVOTED'] },
          },
        },
        { $group: { _id: { userId: '$userId', day: '$day' }, gain: { $sum: '$delta' } } },
      ])
      .toArray();
    return Math.max(0, ...rows.map((row) => row.gain));
  }
});
