// Flags that scale to abuse (issue #21, Stack Exchange's rules): new accounts' flags only queue a
// post for review, staff posts and official answers are never hidden by flags, a declined flag
// cannot be raised again, and everyone has a daily allowance.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask } from './support/threads.js';

const FLAG = 'mutation ($p: ID!) { flagPost(postId: $p, reason: SPAM) { id } }';

describe('flags that scale to abuse', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let moderator: TestUser;
  let operator: { slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    [operatorAdmin, moderator] = await Promise.all([registerUser(t), registerUser(t)]);
    operator = await createOperator(t, admin, [operatorAdmin.handle]);
  });
  afterAll(async () => {
    await t.close();
  });

  const many = (n: number) => Promise.all(Array.from({ length: n }, () => registerUser(t)));
  const flag = (user: TestUser, postId: string) => t.graphql(FLAG, { p: postId }, { token: user.accessToken });
  const visibleAnswers = async (threadId: string) =>
    (await t.graphql('query ($id: ID!) { thread(id: $id) { answerCount } }', { id: threadId })).data!.thread
      .answerCount as number;

  /** Anyone may flag here, and flags of weight 1 in all (two of new flaggers’ 0.5) hide a post. */
  async function boardWith(moderation: Record<string, number> = {}) {
    const board = await createBoard(t, operatorAdmin, operator.slug, {
      settings: { privileges: { flag: 0 }, moderation: { hideThreshold: 1, ...moderation } },
    });
    await setBoardRole(t, operatorAdmin, board.slug, moderator.handle, 'MODERATOR');
    return board;
  }

  it('queues a post flagged by new accounts for review without hiding it', async () => {
    const board = await boardWith({ newUserUnderReputation: 50 });
    const [asker, author] = await many(2);
    const q = await ask(t, asker, board.slug, { title: 'A good answer that sock puppets flag' });
    const a = await answer(t, author, q.id, 'A perfectly fine answer that someone dislikes.');
    for (const puppet of await many(6)) expect((await flag(puppet, a.id)).errors).toBeUndefined();
    expect(await visibleAnswers(q.id)).toBe(1);
    const queue = await t.graphql(
      'query ($b: String!) { reviewQueue(boardSlug: $b) { post { id } } }',
      { b: board.slug },
      { token: moderator.accessToken },
    );
    expect(queue.data?.reviewQueue).toEqual([{ post: { id: a.id } }]);
  });

  it('never hides a staff post or an official answer by flags: they wait for a reviewer', async () => {
    const board = await boardWith();
    const [asker, staff, peer] = await many(3);
    await setBoardRole(t, operatorAdmin, board.slug, staff.handle, 'STAFF');
    const q = await ask(t, asker, board.slug, { title: 'Official answer that angry users flag' });
    const official = await answer(t, staff, q.id, 'Official: the outage is fixed as of 14:00.');
    const marked = await t.graphql(
      'mutation ($a: ID!) { markOfficialAnswer(answerId: $a) { isOfficial } }',
      { a: official.id },
      { token: staff.accessToken },
    );
    expect(marked.errors).toBeUndefined();
    await answer(t, peer, q.id, 'A peer answer for comparison.');
    for (const flagger of await many(4)) expect((await flag(flagger, official.id)).errors).toBeUndefined();
    expect(await visibleAnswers(q.id)).toBe(2);
  });

  it('refuses to raise again a flag a moderator declined', async () => {
    const board = await boardWith({ hideThreshold: 5 });
    const [asker, author, flagger] = await many(3);
    const q = await ask(t, asker, board.slug, { title: 'An answer a reader keeps flagging' });
    const a = await answer(t, author, q.id, 'An answer the reader keeps flagging.');
    const raised = await flag(flagger, a.id);
    const declined = await t.graphql(
      'mutation ($f: ID!) { resolveFlag(flagId: $f, outcome: DECLINED) { status } }',
      { f: raised.data!.flagPost.id },
      { token: moderator.accessToken },
    );
    expect(declined.data?.resolveFlag.status).toBe('DECLINED');
    expect((await flag(flagger, a.id)).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'FLAG_DECLINED',
    });
  });

  it('limits everyone to the daily allowance of flags', async () => {
    const board = await boardWith({ hideThreshold: 5, flagsPerDay: 2 });
    const [asker, author, flagger] = await many(3);
    const q = await ask(t, asker, board.slug, { title: 'Three answers one reader flags' });
    const answers: { id: string }[] = [];
    for (let i = 0; i < 3; i++) answers.push(await answer(t, author, q.id, `Answer number ${i} with some text.`));
    expect((await flag(flagger, answers[0].id)).errors).toBeUndefined();
    expect((await flag(flagger, answers[1].id)).errors).toBeUndefined();
    expect((await flag(flagger, answers[2].id)).errors?.[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      reason: 'FLAG_ALLOWANCE_USED',
    });
  });
});
