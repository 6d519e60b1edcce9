// Anonymous readers of a thread share one cached response; it must never show them an old page
// after a change, nor hide signed-in readers' own state, nor stop views being counted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { afterCommitJobsDone, startTestApp, type TestApp } from './support/test-app.js';
import { databaseCommandsDuring, readsAmong } from './support/database-commands.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { answer, ask, comment, THREAD_PAGE, vote } from './support/threads.js';

describe('anonymous thread pages from the public query cache', () => {
  let t: TestApp;
  let board: { slug: string };
  let asker: TestUser;
  let peer: TestUser;

  const readAnonymously = (id: string, userAgent = 'reader-browser') =>
    t.graphql(THREAD_PAGE, { id }, { headers: { 'user-agent': userAgent } });

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    const operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug);
    [asker, peer] = await Promise.all([registerUser(t), registerUser(t)]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('builds an unchanged page once: the next anonymous reader costs no database read', async () => {
    const question = await ask(t, asker, board.slug);
    await answer(t, peer, question.id);
    await afterCommitJobsDone(t); // the answer's insight job reads too; only the pages are counted
    const firstPage = readsAmong(await databaseCommandsDuring(t, () => readAnonymously(question.id, 'first-reader')));
    const secondPage = readsAmong(await databaseCommandsDuring(t, () => readAnonymously(question.id, 'second-reader')));
    expect(firstPage.length).toBeGreaterThan(0);
    expect(secondPage).toEqual([]);
  });

  it('shows a new answer, comment and vote to the next anonymous reader at once', async () => {
    const question = await ask(t, asker, board.slug);
    expect((await readAnonymously(question.id)).data!.thread.answers.edges).toHaveLength(0);

    const posted = await answer(t, peer, question.id);
    let page = (await readAnonymously(question.id)).data!.thread;
    expect(page.answers.edges.map((e: any) => e.node.id)).toEqual([posted.id]);

    await comment(t, asker, posted.id, 'Thanks, that worked on my phone too.');
    page = (await readAnonymously(question.id)).data!.thread;
    expect(page.answers.edges[0].node.comments.map((c: any) => c.body)).toEqual([
      'Thanks, that worked on my phone too.',
    ]);

    await vote(t, asker, posted.id, 'UP');
    page = (await readAnonymously(question.id)).data!.thread;
    expect(page.answers.edges[0].node.score).toBe(1);
  });

  it('shows moderation at once: a closed thread reads as closed', async () => {
    const question = await ask(t, asker, board.slug);
    expect((await readAnonymously(question.id)).data!.thread.status).toBe('OPEN');
    const admin = await createPlatformAdmin(t);
    const closed = await t.graphql(
      'mutation ($id: ID!) { closeThread(threadId: $id, reason: OFF_TOPIC) { status } }',
      { id: question.id },
      { token: admin.accessToken },
    );
    expect(closed.errors).toBeUndefined();
    expect((await readAnonymously(question.id)).data!.thread.status).toBe('CLOSED');
  });

  it('gives a signed-in reader their own state, never the anonymous copy', async () => {
    const question = await ask(t, asker, board.slug);
    const posted = await answer(t, peer, question.id);
    await readAnonymously(question.id); // cached, viewerVote NONE
    await vote(t, asker, posted.id, 'UP');
    await readAnonymously(question.id);
    const mine = await t.graphql(THREAD_PAGE, { id: question.id }, { token: asker.accessToken });
    expect(mine.data!.thread.answers.edges[0].node.viewerVote).toBe('UP');
    const anonymous = await readAnonymously(question.id);
    expect(anonymous.data!.thread.answers.edges[0].node.viewerVote).toBe('NONE');
  });

  it('still counts the view of every reader served from the cache', async () => {
    const question = await ask(t, asker, board.slug);
    await readAnonymously(question.id, 'phone-a');
    await readAnonymously(question.id, 'phone-b'); // from the cache
    await readAnonymously(question.id, 'phone-b'); // same reader within the hour: not counted again
    const signedIn = await t.graphql(THREAD_PAGE, { id: question.id }, { token: peer.accessToken });
    expect(signedIn.data!.thread.viewCount).toBe(3);
  });

  it('hides a hidden thread from the next anonymous reader, and shows it again once restored', async () => {
    const question = await ask(t, asker, board.slug);
    expect((await readAnonymously(question.id)).data!.thread.id).toBe(question.id);
    const admin = await createPlatformAdmin(t);
    const setHidden = (isHidden: boolean) =>
      t.graphql(
        'mutation ($id: ID!, $h: Boolean!) { hidePost(postId: $id, isHidden: $h, reason: "spam") { id } }',
        { id: question.id, h: isHidden },
        { token: admin.accessToken },
      );
    expect((await setHidden(true)).errors).toBeUndefined();
    expect((await readAnonymously(question.id)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await setHidden(false)).errors).toBeUndefined();
    expect((await readAnonymously(question.id)).data!.thread.id).toBe(question.id);
  });
});
