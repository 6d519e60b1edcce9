// Editing and deleting comments, and authors deleting their own posts by Stack Exchange's rules,
// through the public API (the site's forms call the same services).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask, comment, vote } from './support/threads.js';

describe('comments and deleting your own posts', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let mod: TestUser;
  let asker: TestUser;
  let helper: TestUser;
  let board: { slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    [operatorAdmin, mod, asker, helper] = await Promise.all(Array.from({ length: 4 }, () => registerUser(t)));
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug);
    await setBoardRole(t, operatorAdmin, board.slug, mod.handle, 'MODERATOR');
  });
  afterAll(() => t.close());

  const as = (user: TestUser, query: string, variables: Record<string, unknown>) =>
    t.graphql(query, variables, { token: user.accessToken });
  const EDIT = 'mutation ($c: ID!, $b: String!) { editComment(commentId: $c, body: $b) { id body editedAt } }';
  const DELETE = 'mutation ($c: ID!) { deleteComment(commentId: $c) { id } }';
  const commentsOf = async (threadId: string) =>
    (
      await t.graphql('query ($id: ID!) { thread(id: $id) { question { commentCount comments { id body } } } }', {
        id: threadId,
      })
    ).data!.thread.question as { commentCount: number; comments: { id: string; body: string }[] };

  it('lets the author edit a comment for five minutes, and nobody else ever', async () => {
    const q = await ask(t, asker, board.slug, { title: 'Why does my roaming bundle not start?' });
    const added = (await comment(t, helper, q.id, 'Which country are you in?')).data!.addComment;
    expect(
      (await as(asker, EDIT, { c: added.id, b: 'Not my comment to change' })).errors?.[0].extensions,
    ).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_COMMENT' });
    t.clock.advance(4 * 60_000);
    const edited = await as(helper, EDIT, { c: added.id, b: 'Which country and which network?' });
    expect(edited.data?.editComment).toMatchObject({ body: 'Which country and which network?' });
    expect(edited.data?.editComment.editedAt).not.toBeNull();
    expect((await commentsOf(q.id)).comments.map((c) => c.body)).toEqual(['Which country and which network?']);
    t.clock.advance(2 * 60_000);
    expect(
      (await as(helper, EDIT, { c: added.id, b: 'Too late for this change' })).errors?.[0].extensions,
    ).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'COMMENT_EDIT_WINDOW_PASSED' });
  });

  it("lets authors and the board's moderators delete comments; a moderator's deletion is audited", async () => {
    const q = await ask(t, asker, board.slug, { title: 'Can I keep my number when I move abroad?' });
    const own = (await comment(t, helper, q.id, 'Asking the same thing here.')).data!.addComment;
    const other = (await comment(t, helper, q.id, 'This is rude and off topic.')).data!.addComment;
    expect((await as(asker, DELETE, { c: own.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await as(helper, DELETE, { c: own.id })).errors).toBeUndefined();
    expect((await as(mod, DELETE, { c: other.id })).errors).toBeUndefined();
    expect(await commentsOf(q.id)).toEqual({ commentCount: 0, comments: [] });
    expect((await as(helper, DELETE, { c: own.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const log = await as(mod, 'query ($b: String!) { moderationLog(boardSlug: $b, first: 50) { action targetType } }', {
      b: board.slug,
    });
    const deletions = log.data!.moderationLog.filter((entry: { action: string }) => entry.action === 'DELETE_COMMENT');
    expect(deletions).toEqual([{ action: 'DELETE_COMMENT', targetType: 'comment' }]);
  });

  it('counts a comment deleted by 20 parallel requests once', async () => {
    const q = await ask(t, asker, board.slug, { title: 'Is there a fee for a replacement SIM card?' });
    const added = (await comment(t, asker, q.id, 'Adding that my SIM was stolen.')).data!.addComment;
    await comment(t, asker, q.id, 'And it was a nano SIM.');
    const results = await Promise.all(Array.from({ length: 20 }, () => as(asker, DELETE, { c: added.id })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect((await commentsOf(q.id)).commentCount).toBe(1);
  });

  const DELETE_POST = 'mutation ($p: ID!) { deletePost(postId: $p) { id isHidden } }';
  const refusal = async (user: TestUser, postId: string) =>
    (await as(user, DELETE_POST, { p: postId })).errors?.[0].extensions?.reason;

  it('lets an author delete a question with one answer nobody upvoted, but not one others rely on', async () => {
    const lone = await ask(t, asker, board.slug, { title: 'Where do I find my PUK code please?' });
    await answer(t, helper, lone.id, 'It is printed on the card your SIM came on.');
    expect(await refusal(asker, lone.id)).toBeUndefined();
    expect(
      (await t.graphql('query ($id: ID!) { thread(id: $id) { id } }', { id: lone.id })).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');

    const upvoted = await ask(t, asker, board.slug, { title: 'How do I turn off voicemail completely?' });
    const good = await answer(t, helper, upvoted.id, 'Dial ##002# and press call.');
    await vote(t, mod, good.id, 'UP');
    expect(await refusal(asker, upvoted.id)).toBe('QUESTION_HAS_UPVOTED_ANSWER');

    const busy = await ask(t, asker, board.slug, { title: 'Which plan is best for travelling in Asia?' });
    await answer(t, helper, busy.id, 'The Asia pass is cheapest for a week.');
    await answer(t, mod, busy.id, 'For a month, the global plan is better.');
    expect(await refusal(asker, busy.id)).toBe('QUESTION_HAS_ANSWERS');

    const accepted = await ask(t, asker, board.slug, { title: 'Why is my hotspot so slow tonight?' });
    const chosen = await answer(t, helper, accepted.id, 'Hotspot speed is capped at 10 Mbps on your plan.');
    await as(asker, 'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }', { a: chosen.id });
    expect(await refusal(helper, chosen.id)).toBe('ANSWER_ACCEPTED');
    expect(await refusal(asker, accepted.id)).toBe('QUESTION_HAS_ACCEPTED_ANSWER');
    // Moderators are not bound by the author's rules, and can bring the post back.
    expect((await as(mod, DELETE_POST, { p: chosen.id })).data?.deletePost).toEqual({ id: chosen.id, isHidden: true });
    const undo = 'mutation ($p: ID!) { undeletePost(postId: $p, reason: "Deleted by mistake") { isHidden } }';
    expect((await as(mod, undo, { p: chosen.id })).data?.undeletePost).toEqual({ isHidden: false });
  });
});
