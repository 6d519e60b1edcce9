import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask } from './support/threads.js';

const FLAG = 'mutation ($p: ID!, $r: FlagReason!) { flagPost(postId: $p, reason: $r) { id weight status } }';

describe('flags and the review queue', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let mod: TestUser;
  let board: { slug: string };
  let strictBoard: { slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    [operatorAdmin, mod] = await Promise.all([registerUser(t), registerUser(t)]);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    // Anyone may flag here, and 1.5 of flag weight hides a post (three new flaggers).
    board = await createBoard(t, operatorAdmin, operator.slug, {
      settings: { privileges: { flag: 1 }, moderation: { hideThreshold: 1.5 } },
    });
    strictBoard = await createBoard(t, operatorAdmin, operator.slug);
    await setBoardRole(t, operatorAdmin, board.slug, mod.handle, 'MODERATOR');
  });
  afterAll(async () => {
    await t.close();
  });

  it('hides a post once enough weight of flags arrives, queues it for review, and restores it when declined', async () => {
    const [author, asker, f1, f2, f3] = await Promise.all(Array.from({ length: 5 }, () => registerUser(t)));
    const q = await ask(t, asker, board.slug);
    const a = await answer(t, author, q.id, 'Visit my shop for cheap phone cases!!!');
    const visibleAnswers = async () =>
      (await t.graphql('query ($id: ID!) { thread(id: $id) { answers { edges { node { id } } } } }', { id: q.id }))
        .data!.thread.answers.edges.length;

    const first = await t.graphql(FLAG, { p: a.id, r: 'SPAM' }, { token: f1.accessToken });
    expect(first.data?.flagPost).toMatchObject({ weight: 0.5, status: 'OPEN' });
    expect(
      (await t.graphql(FLAG, { p: a.id, r: 'SPAM' }, { token: f1.accessToken })).errors?.[0].extensions,
    ).toMatchObject({ code: 'CONFLICT', reason: 'FLAG_EXISTS' });
    await t.graphql(FLAG, { p: a.id, r: 'SPAM' }, { token: f2.accessToken });
    expect(await visibleAnswers()).toBe(1);
    await t.graphql(FLAG, { p: a.id, r: 'OFFENSIVE' }, { token: f3.accessToken });
    expect(await visibleAnswers()).toBe(0);

    const queue = await t.graphql(
      'query ($b: String!) { reviewQueue(boardSlug: $b) { post { id } totalWeight flags { id reason } } }',
      { b: board.slug },
      { token: mod.accessToken },
    );
    expect(queue.data?.reviewQueue).toHaveLength(1);
    expect(queue.data?.reviewQueue[0]).toMatchObject({ post: { id: a.id }, totalWeight: 1.5 });
    expect(
      (
        await t.graphql(
          'query ($b: String!) { reviewQueue(boardSlug: $b) { totalWeight } }',
          { b: board.slug },
          { token: f1.accessToken },
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');

    const flagId = queue.data?.reviewQueue[0].flags[0].id;
    const resolved = await t.graphql(
      'mutation ($f: ID!) { resolveFlag(flagId: $f, outcome: DECLINED) { status } }',
      { f: flagId },
      { token: mod.accessToken },
    );
    expect(resolved.data?.resolveFlag.status).toBe('DECLINED');
    expect(await visibleAnswers()).toBe(1);
    expect(
      (
        await t.graphql(
          'query ($b: String!) { reviewQueue(boardSlug: $b) { totalWeight } }',
          { b: board.slug },
          { token: mod.accessToken },
        )
      ).data?.reviewQueue,
    ).toEqual([]);

    // Declined flaggers count for less next time.
    const other = await answer(t, author, q.id, 'Another perfectly fine answer about cases.');
    const next = await t.graphql(FLAG, { p: other.id, r: 'SPAM' }, { token: f1.accessToken });
    expect(next.data?.flagPost.weight).toBeCloseTo(0.33, 2);
  });

  it('counts a moderator’s flag fully and refuses flags on your own post', async () => {
    const [author, asker] = await Promise.all([registerUser(t), registerUser(t)]);
    const q = await ask(t, asker, board.slug);
    const a = await answer(t, author, q.id);
    expect((await t.graphql(FLAG, { p: a.id, r: 'OFF_TOPIC' }, { token: mod.accessToken })).data?.flagPost.weight).toBe(
      1,
    );
    expect(
      (await t.graphql(FLAG, { p: a.id, r: 'SPAM' }, { token: author.accessToken })).errors?.[0].extensions?.reason,
    ).toBe('FLAG_OWN_POST');
  });

  it('requires the flag privilege (reputation) on boards that ask for it', async () => {
    const [asker, newcomer] = await Promise.all([registerUser(t), registerUser(t)]);
    const q = await ask(t, asker, strictBoard.slug);
    const response = await t.graphql(FLAG, { p: q.id, r: 'SPAM' }, { token: newcomer.accessToken });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PRIVILEGE_REQUIRED' });
  });
});
