// What needs a reviewer's eye reaches a queue by itself — new users' first posts, links from
// low-reputation users, one text pasted around — link spam waits hidden until approved, claims
// keep reviewers apart and lapse, and new users' bursts are held back by hourly limits.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask, vote } from './support/threads.js';

/** The product's defaults for new users (test boards switch them off). */
const NEW_USER_RULES = { newUserUnderReputation: 50, reviewFirstPosts: 3, reviewLinksUnderReputation: 50 };
const QUEUE = `query ($b: String!, $k: ReviewQueueKind!) {
  reviewQueue(boardSlug: $b, kind: $k) { id kind note isHeldBack claimedBy { handle } post { id } }
}`;

describe('review queues and new-user limits', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let moderator: TestUser;
  let otherModerator: TestUser;
  let operator: { slug: string };

  const queue = async (board: { slug: string }, kind: string, by = moderator) => {
    const response = await t.graphql(QUEUE, { b: board.slug, k: kind }, { token: by.accessToken });
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.reviewQueue as { id: string; note: string; isHeldBack: boolean; post: { id: string } }[];
  };
  const claim = (itemId: string, by: TestUser) =>
    t.graphql(
      'mutation ($i: ID!) { claimReviewItem(itemId: $i) { id claimedBy { handle } } }',
      { i: itemId },
      {
        token: by.accessToken,
      },
    );
  const resolve = (itemId: string, outcome: string, by: TestUser) =>
    t.graphql(
      'mutation ($i: ID!, $o: ReviewOutcome!) { resolveReviewItem(itemId: $i, outcome: $o, reason: "checked") { id outcome } }',
      { i: itemId, o: outcome },
      { token: by.accessToken },
    );
  const answerIds = async (threadId: string) =>
    (
      await t.graphql('query ($id: ID!) { thread(id: $id) { answers { edges { node { id } } } } }', { id: threadId })
    ).data!.thread.answers.edges.map((e: any) => e.node.id);
  const newUserBoard = (extra: Record<string, number> = {}) =>
    createBoard(t, operatorAdmin, operator.slug, { settings: { moderation: { ...NEW_USER_RULES, ...extra } } });

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    operator = await createOperator(t, admin, [operatorAdmin.handle]);
    [moderator, otherModerator] = await Promise.all([registerUser(t), registerUser(t)]);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Sessions expire 15 minutes after sign-in: tests that move the clock sign everyone in again. */
  async function signInAgain() {
    const again = async (user: TestUser) => ({ ...user, ...(await login(t, user.handle)).data!.login });
    [operatorAdmin, moderator, otherModerator] = await Promise.all(
      [operatorAdmin, moderator, otherModerator].map(again),
    );
  }

  async function withModerators(board: { slug: string }) {
    for (const m of [moderator, otherModerator])
      await setBoardRole(t, operatorAdmin, board.slug, m.handle, 'MODERATOR');
  }

  it("queues a new user's first three posts, and not the fourth", async () => {
    const board = await newUserBoard();
    await withModerators(board);
    const newcomer = await registerUser(t);
    const posts: string[] = [];
    for (let i = 0; i < 4; i++) {
      const title = `Newcomer question number ${i} about roaming`;
      posts.push((await ask(t, newcomer, board.slug, { title, body: `${title}: which settings do I need?` })).id);
    }
    const items = await queue(board, 'FIRST_POSTS');
    expect(items.map((item) => item.post.id)).toEqual(posts.slice(0, 3));
    expect(items.map((item) => item.note)).toEqual([
      'post 1 of a new user',
      'post 2 of a new user',
      'post 3 of a new user',
    ]);
    expect(items.every((item) => !item.isHeldBack)).toBe(true);
  });

  it('holds back link spam from a new user until a reviewer approves it, and audits both steps', async () => {
    const board = await newUserBoard({ reviewFirstPosts: 0 });
    await withModerators(board);
    const [asker, spammer] = await Promise.all([registerUser(t), registerUser(t)]);
    const question = await ask(t, asker, board.slug);
    const links = 'See https://a.example/x and https://b.example/y and https://c.example/z for cheap data.';
    const held = await answer(t, spammer, question.id, links);
    const oneLink = await answer(t, spammer, question.id, 'The carrier explains it at https://help.example/data.');
    expect(await answerIds(question.id)).toEqual([oneLink.id]);

    const items = await queue(board, 'LINKS');
    expect(items.map((item) => [item.post.id, item.note, item.isHeldBack])).toEqual([
      [held.id, '3 links', true],
      [oneLink.id, '1 link', false],
    ]);
    const item = items[0];
    expect((await resolve(item.id, 'APPROVED', moderator)).errors?.[0].extensions?.reason).toBe(
      'REVIEW_ITEM_NOT_CLAIMED',
    );
    expect((await claim(item.id, moderator)).data!.claimReviewItem.claimedBy.handle).toBe(moderator.handle);
    expect((await claim(item.id, otherModerator)).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'REVIEW_ITEM_CLAIMED',
    });
    expect((await resolve(item.id, 'APPROVED', moderator)).data!.resolveReviewItem.outcome).toBe('APPROVED');
    expect(await answerIds(question.id)).toEqual(expect.arrayContaining([held.id, oneLink.id]));
    expect((await queue(board, 'LINKS')).map((i) => i.post.id)).toEqual([oneLink.id]);

    const log = await t.graphql(
      'query ($b: String!) { moderationLog(boardSlug: $b) { action targetId reason actor { handle } } }',
      { b: board.slug },
      { token: moderator.accessToken },
    );
    expect(log.data!.moderationLog).toEqual([
      { action: 'RESTORE', targetId: held.id, reason: 'checked', actor: { handle: moderator.handle } },
      { action: 'HIDE', targetId: held.id, reason: 'held for review: 3 links', actor: null },
    ]);
  });

  it('holds back the same text pasted by a new user into another thread', async () => {
    const board = await newUserBoard({ reviewFirstPosts: 0 });
    await withModerators(board);
    const [asker, paster] = await Promise.all([registerUser(t), registerUser(t)]);
    const first = await ask(t, asker, board.slug, {
      title: 'Which plan is best for streaming video abroad?',
      body: 'I travel a lot and watch films on the train. What do you recommend?',
    });
    const second = await ask(t, asker, board.slug, {
      title: 'Which plan is best for gaming while on holiday?',
      body: 'Online games need low latency. Which plan keeps it low in other countries?',
    });
    const text = 'Switch to the Unlimited Max plan today, it is the best one for everything you do.';
    await answer(t, paster, first.id, text);
    const repeated = await answer(t, paster, second.id, `${text.toUpperCase()}   `);
    expect(await answerIds(second.id)).toEqual([]);
    const items = await queue(board, 'REPEATED_CONTENT');
    expect(items.map((item) => [item.post.id, item.note, item.isHeldBack])).toEqual([
      [repeated.id, `same text as in thread ${first.id}`, true],
    ]);
  });

  it('lets users with the review privilege review, but leaves deleting to moderators', async () => {
    const board = await createBoard(t, operatorAdmin, operator.slug, {
      settings: { moderation: NEW_USER_RULES, privileges: { reviewQueues: 20 } },
    });
    const [newcomer, reviewer, stranger, voterA, voterB] = await Promise.all(
      Array.from({ length: 5 }, () => registerUser(t)),
    );
    // The reviewer earns 20 on the operator's boards from two upvotes on a question elsewhere.
    const elsewhere = await createBoard(t, operatorAdmin, operator.slug);
    const earned = await ask(t, reviewer, elsewhere.slug);
    await vote(t, voterA, earned.id, 'UP');
    await vote(t, voterB, earned.id, 'UP');

    const question = await ask(t, newcomer, board.slug);
    const denied = await t.graphql(QUEUE, { b: board.slug, k: 'FIRST_POSTS' }, { token: stranger.accessToken });
    expect(denied.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PRIVILEGE_REQUIRED',
      details: { privilege: 'REVIEW_QUEUES', required: 20 },
    });
    const [item] = await queue(board, 'FIRST_POSTS', reviewer);
    expect(item.post.id).toBe(question.id);
    await claim(item.id, reviewer);
    expect((await resolve(item.id, 'DELETED', reviewer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await resolve(item.id, 'HIDDEN', reviewer)).data!.resolveReviewItem.outcome).toBe('HIDDEN');
    const hidden = await t.graphql('query ($id: ID!) { thread(id: $id) { id } }', { id: question.id });
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('limits how many flags a new user raises per hour', async () => {
    const board = await createBoard(t, operatorAdmin, operator.slug, {
      settings: {
        moderation: { ...NEW_USER_RULES, reviewFirstPosts: 0, newUserFlagsPerHour: 2 },
        privileges: { flag: 0 },
      },
    });
    const [asker, flagger] = await Promise.all([registerUser(t), registerUser(t)]);
    const question = await ask(t, asker, board.slug);
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(await answer(t, asker, question.id, `Answer ${i}: restart the phone twice.`));
    const flag = (postId: string) =>
      t.graphql(
        'mutation ($p: ID!) { flagPost(postId: $p, reason: SPAM) { id } }',
        { p: postId },
        {
          token: flagger.accessToken,
        },
      );
    expect((await flag(answers[0].id)).errors).toBeUndefined();
    expect((await flag(answers[1].id)).errors).toBeUndefined();
    expect((await flag(answers[2].id)).errors?.[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      reason: 'NEW_USER_RATE_LIMITED',
    });
  });

  // Last: these move the clock, which expires the suite's sessions (each test signs in again).
  it('limits how many questions a new user asks per hour, storing nothing when refused', async () => {
    await signInAgain();
    const board = await newUserBoard({ reviewFirstPosts: 0 });
    let newcomer = await registerUser(t);
    const question = (i: number) => ({
      boardSlug: board.slug,
      title: `Hourly question number ${i} on billing`,
      body: `Question ${i}: why does my bill show a roaming charge this month?`,
      tags: ['billing'],
    });
    for (let i = 0; i < 5; i++) await ask(t, newcomer, board.slug, question(i));
    const refused = await t.graphql(
      'mutation ($i: AskQuestionInput!) { askQuestion(input: $i) { id } }',
      { i: question(5) },
      { token: newcomer.accessToken },
    );
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'NEW_USER_RATE_LIMITED' });
    expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(3_000);
    const listed = await t.graphql(
      'query ($b: String!) { threads(boardSlug: $b, first: 50) { edges { node { id } } } }',
      {
        b: board.slug,
      },
    );
    expect(listed.data!.threads.edges).toHaveLength(5);

    t.clock.advance(61 * 60_000);
    newcomer = { ...newcomer, ...(await login(t, newcomer.handle)).data!.login };
    const later = await ask(t, newcomer, board.slug, question(6));
    expect(later.id).toBeTruthy();
  });

  it('releases a claim left for more than 30 minutes to the next reviewer', async () => {
    await signInAgain();
    const board = await newUserBoard();
    await withModerators(board);
    const newcomer = await registerUser(t);
    await ask(t, newcomer, board.slug);
    const [item] = await queue(board, 'FIRST_POSTS');
    expect((await claim(item.id, moderator)).errors).toBeUndefined();
    t.clock.advance(31 * 60_000);
    await signInAgain();
    const taken = await claim(item.id, otherModerator);
    expect(taken.data!.claimReviewItem.claimedBy.handle).toBe(otherModerator.handle);
  });
});
