// Signed-in readers share one snapshot of a thread page and add only their own overlay: on a warm
// snapshot a session's first page costs at most 4 database commands (3 after it: see
// signed-in-reads.e2e-spec.ts), and no reader ever sees a stale page after
// their own change or anything only moderators may see.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { afterCommitJobsDone, startTestApp, type TestApp } from './support/test-app.js';
import { databaseCommandsDuring } from './support/database-commands.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { answer, ask, comment, THREAD_PAGE, vote } from './support/threads.js';

describe('thread page snapshot', () => {
  let t: TestApp;
  let board: { slug: string };
  let admin: TestUser;
  let asker: TestUser;
  let answerer: TestUser;
  let reader: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPlatformAdmin(t);
    const operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug);
    [asker, answerer, reader] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
  });
  afterAll(async () => {
    await t.close();
  });

  const read = async (threadId: string, viewer: TestUser) => {
    const page = await t.graphql(THREAD_PAGE, { id: threadId }, { token: viewer.accessToken });
    expect(page.errors).toBeUndefined();
    return page.data!.thread;
  };

  it("serves a session's first signed-in page from a warm snapshot in at most 4 database commands", async () => {
    const question = await ask(t, asker, board.slug);
    for (let i = 0; i < 3; i++) {
      const posted = await answer(t, answerer, question.id, `Answer ${i}: restart the phone.`);
      await comment(t, asker, posted.id, `Thanks for answer ${i}`);
    }
    await read(question.id, asker); // builds the snapshot
    await afterCommitJobsDone(t); // the writes' insight jobs write too; only the page is counted
    const commands = await databaseCommandsDuring(t, () => read(question.id, reader));
    // The reader's session (new to this instance) and account, the thread row
    // (its version: is the snapshot current?) and the reader's votes on the page's posts.
    expect(commands.sort()).toEqual(['find sessions', 'find threads', 'find users', 'find votes']);
  });

  it('shows a reader their own vote, comment and answer on the very next read', async () => {
    const question = await ask(t, asker, board.slug);
    const first = await answer(t, answerer, question.id, 'Toggle airplane mode at the station.');
    const before = await read(question.id, reader);
    expect(before.answers.edges[0].node.viewerVote).toBe('NONE');

    expect((await vote(t, reader, first.id, 'UP')).errors).toBeUndefined();
    const voted = await read(question.id, reader);
    expect(voted.answers.edges[0].node).toMatchObject({ viewerVote: 'UP', score: 1 });

    await comment(t, reader, first.id, 'Worked for me at Jing’an Temple.');
    const commented = await read(question.id, reader);
    expect(commented.answers.edges[0].node.comments.map((c: { body: string }) => c.body)).toContain(
      'Worked for me at Jing’an Temple.',
    );

    const mine = await answer(t, reader, question.id, 'Switching to 4G only also helps.');
    const answered = await read(question.id, reader);
    expect(answered.answerCount).toBe(2);
    expect(answered.answers.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(mine.id);
    // Another reader's overlay is their own: the reader's vote is not theirs.
    const other = await read(question.id, asker);
    expect(other.answers.edges.find((e: { node: { id: string } }) => e.node.id === first.id).node.viewerVote).toBe(
      'NONE',
    );
  });

  it('never shows a hidden answer kept in the snapshot to readers who are not moderators', async () => {
    const question = await ask(t, asker, board.slug);
    const hidden = await answer(t, answerer, question.id, 'Buy my unlocking service, cheap.');
    await answer(t, answerer, question.id, 'Check the carrier’s coverage map.');
    const hide = await t.graphql(
      'mutation ($id: ID!) { hidePost(postId: $id, isHidden: true, reason: "spam") { id } }',
      { id: hidden.id },
      { token: admin.accessToken },
    );
    expect(hide.errors).toBeUndefined();
    const ids = (page: { answers: { edges: { node: { id: string } }[] } }) => page.answers.edges.map((e) => e.node.id);
    // The admin's read and the reader's read share one snapshot, hidden answer included.
    expect(ids(await read(question.id, admin))).toContain(hidden.id);
    const seen = await read(question.id, reader);
    expect(ids(seen)).not.toContain(hidden.id);
    expect(seen.answers.edges).toHaveLength(1);
  });
});
