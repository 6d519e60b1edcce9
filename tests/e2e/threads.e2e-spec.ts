import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { afterCommitJobsDone, executeOverWebSocket, startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask, comment, THREAD_PAGE, vote } from './support/threads.js';

describe('threads: a question answered once, in public, for many', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let board: { slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug, { region: 'Shanghai' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('tells the whole story: ask, peer and staff answers, official and accepted, votes, a reader, live events', async () => {
    const [customer, peer, rep, reader, voter1, voter2] = await Promise.all(
      Array.from({ length: 6 }, () => registerUser(t)),
    );
    await setBoardRole(t, operatorAdmin, board.slug, rep.handle, 'STAFF');

    const question = await ask(t, customer, board.slug, { tags: ['5G', 'Data Plan'] });
    expect(question.tags).toEqual(['5g', 'data-plan']);

    // A subscriber watches the thread live.
    const events: string[] = [];
    const watcher = t.websocket();
    const subscription = watcher.iterate<{ threadActivity: { kind: string } }>({
      query: 'subscription ($id: ID!) { threadActivity(threadId: $id) { kind postId score } }',
      variables: { id: question.id },
    });
    const collecting = (async () => {
      for await (const event of subscription) {
        events.push(event.data!.threadActivity.kind);
        if (events.length === 6) break;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the subscription register

    const peerAnswer = await answer(t, peer, question.id, 'Open the app, then **Usage → Data**. It updates hourly.');
    const staffAnswer = await answer(t, rep, question.id, 'Official way: dial `*100#` and choose 2 for data balance.');
    await t.graphql(
      'mutation ($a: ID!) { markOfficialAnswer(answerId: $a) { isOfficial } }',
      { a: staffAnswer.id },
      { token: rep.accessToken },
    );
    const accepted = await t.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { isAccepted } }',
      { a: peerAnswer.id },
      { token: customer.accessToken },
    );
    expect(accepted.data?.acceptAnswer.isAccepted).toBe(true);
    await vote(t, voter1, staffAnswer.id, 'UP');
    await comment(t, voter2, peerAnswer.id, 'Worked for me, thanks!');
    await collecting;
    expect(events).toEqual([
      'ANSWER_POSTED',
      'ANSWER_POSTED',
      'OFFICIAL_ANSWER_MARKED',
      'ANSWER_ACCEPTED',
      'VOTE_CHANGED',
      'COMMENT_ADDED',
    ]);
    await vote(t, voter2, staffAnswer.id, 'UP');
    await vote(t, voter1, question.id, 'UP');

    // A later reader opens the thread and sees it all in the right order.
    const page = await t.graphql(THREAD_PAGE, { id: question.id }, { token: reader.accessToken });
    expect(page.errors).toBeUndefined();
    const thread = page.data!.thread;
    expect(thread).toMatchObject({
      title: question.title,
      status: 'OPEN',
      score: 1,
      answerCount: 2,
      viewCount: 1,
      acceptedAnswerId: peerAnswer.id,
      officialAnswerId: staffAnswer.id,
      board: { slug: board.slug },
      author: { user: { handle: customer.handle }, isStaff: false },
    });
    const answers = thread.answers.edges.map((e: any) => e.node);
    expect(answers.map((a: any) => a.id)).toEqual([peerAnswer.id, staffAnswer.id]);
    expect(answers[0]).toMatchObject({
      isAccepted: true,
      isOfficial: false,
      score: 0,
      author: { user: { handle: peer.handle }, isStaff: false },
    });
    expect(answers[0].comments).toEqual([
      { body: 'Worked for me, thanks!', author: { user: { handle: voter2.handle } } },
    ]);
    expect(answers[1]).toMatchObject({
      isAccepted: false,
      isOfficial: true,
      score: 2,
      author: { boardRole: 'STAFF', isStaff: true },
    });
    expect(answers[0].body).toContain('**Usage → Data**');

    // Viewers see their own votes; a second look within the hour is not a second view.
    const voterView = await t.graphql(THREAD_PAGE, { id: question.id }, { token: voter1.accessToken });
    expect(voterView.data!.thread.answers.edges[1].node.viewerVote).toBe('UP');
    expect(voterView.data!.thread.question.viewerVote).toBe('UP');
    expect(voterView.data!.thread.viewCount).toBe(2);
    const again = await t.graphql(THREAD_PAGE, { id: question.id }, { token: reader.accessToken });
    expect(again.data!.thread.viewCount).toBe(2);
  });

  it('renders posts as sanitised HTML', async () => {
    const user = await registerUser(t);
    const q = await ask(t, user, board.slug, {
      body: 'Tried <script>alert(1)</script> and [this](javascript:alert(1)) — no luck.',
    });
    const page = await t.graphql('query ($id: ID!) { thread(id: $id) { question { bodyHtml } } }', { id: q.id });
    expect(page.data!.thread.question.bodyHtml).not.toMatch(/<script|href="javascript:/i);
  });

  it('rejects bad questions with the offending fields', async () => {
    const user = await registerUser(t);
    const response = await t.graphql(
      'mutation ($i: AskQuestionInput!) { askQuestion(input: $i) { id } }',
      { i: { boardSlug: board.slug, title: 'Too short', body: 'tiny', tags: [] } },
      { token: user.accessToken },
    );
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.fields.map((f: any) => f.field)).toEqual(['title', 'body', 'tags']);
    const anonymous = await t.graphql('mutation ($i: AskQuestionInput!) { askQuestion(input: $i) { id } }', {
      i: {
        boardSlug: board.slug,
        title: 'A long enough title here',
        body: 'A long enough body for the question.',
        tags: ['x'],
      },
    });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses votes on your own post, and locks a vote after five minutes unless the post is edited', async () => {
    const [asker, voter] = await Promise.all([registerUser(t), registerUser(t)]);
    const q = await ask(t, asker, board.slug);
    expect((await vote(t, asker, q.id, 'UP')).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'VOTE_OWN_POST',
    });
    expect((await vote(t, voter, q.id, 'UP')).data?.vote.score).toBe(1);
    expect((await vote(t, voter, q.id, 'DOWN')).data?.vote).toMatchObject({ score: -1, upvotes: 0, downvotes: 1 });
    t.clock.advance(6 * 60_000);
    expect((await vote(t, voter, q.id, 'NONE')).errors?.[0].extensions).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'VOTE_LOCKED',
    });
    const edit = await t.graphql(
      'mutation ($i: EditPostInput!) { editPost(input: $i) { revision } }',
      {
        i: {
          postId: q.id,
          body: 'My plan includes 30 GB of 5G data. Where can I see how much is left? (Android)',
          summary: 'platform',
        },
      },
      { token: asker.accessToken },
    );
    expect(edit.data?.editPost.revision).toBe(2);
    expect((await vote(t, voter, q.id, 'NONE')).data?.vote.score).toBe(0);
  });

  it('lets only the asker accept and only staff mark official', async () => {
    const [asker, helper, stranger] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    const q = await ask(t, asker, board.slug);
    const a = await answer(t, helper, q.id);
    const byStranger = await t.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
      { a: a.id },
      { token: stranger.accessToken },
    );
    expect(byStranger.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_ASKER' });
    const official = await t.graphql(
      'mutation ($a: ID!) { markOfficialAnswer(answerId: $a) { id } }',
      { a: a.id },
      { token: asker.accessToken },
    );
    expect(official.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'BOARD_ROLE_REQUIRED' });
    const notAnAnswer = await t.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
      { a: q.id },
      { token: asker.accessToken },
    );
    expect(notAnAnswer.errors?.[0].extensions?.code).toBe('PRECONDITION_FAILED');
    const missing = await t.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
      { a: 'ffffffffffffffffffffffff' },
      { token: asker.accessToken },
    );
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('moves the acceptance when the asker accepts another answer', async () => {
    const [asker, first, second] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    const q = await ask(t, asker, board.slug);
    const a1 = await answer(t, first, q.id);
    const a2 = await answer(t, second, q.id, 'Another way: the website shows it under My Account.');
    await t.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
      { a: a1.id },
      { token: asker.accessToken },
    );
    await t.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
      { a: a2.id },
      { token: asker.accessToken },
    );
    const page = await t.graphql(THREAD_PAGE, { id: q.id });
    expect(page.data!.thread.acceptedAnswerId).toBe(a2.id);
    expect(page.data!.thread.answers.edges.map((e: any) => [e.node.id, e.node.isAccepted])).toEqual([
      [a2.id, true],
      [a1.id, false],
    ]);
  });

  it('keeps every revision of an edited post; others may not edit unless staff or privileged', async () => {
    const [asker, stranger, rep] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    await setBoardRole(t, operatorAdmin, board.slug, rep.handle, 'STAFF');
    const q = await ask(t, asker, board.slug);
    const editQuery = 'mutation ($i: EditPostInput!) { editPost(input: $i) { revision } }';
    const input = {
      postId: q.id,
      body: 'Edited body that is long enough to pass validation.',
      title: 'How can I check my remaining 5G data?',
      tags: ['5g', 'balance'],
    };
    // A stranger lacks the reputation privilege to edit others' posts (2,000 by default).
    expect(
      (await t.graphql(editQuery, { i: input }, { token: stranger.accessToken })).errors?.[0].extensions,
    ).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PRIVILEGE_REQUIRED',
      details: { privilege: 'EDIT_OTHERS_POSTS', required: 2000 },
    });
    expect((await t.graphql(editQuery, { i: input }, { token: rep.accessToken })).data?.editPost.revision).toBe(2);
    const revisions = await t.graphql(
      'query ($p: ID!) { revisions(postId: $p) { revision title tags body editor { handle } } }',
      { p: q.id },
    );
    expect(revisions.data?.revisions).toEqual([
      {
        revision: 1,
        title: q.title,
        tags: ['5g', 'data-plan'],
        body: expect.stringContaining('30 GB'),
        editor: { handle: asker.handle },
      },
      { revision: 2, title: input.title, tags: ['5g', 'balance'], body: input.body, editor: { handle: rep.handle } },
    ]);
    const unchanged = await t.graphql(editQuery, { i: input }, { token: asker.accessToken });
    expect(unchanged.errors?.[0].extensions?.reason).toBe('NOTHING_CHANGED');
  });

  it('ends 50 concurrent votes on one post with the exact score', async () => {
    const asker = await registerUser(t);
    const q = await ask(t, asker, board.slug);
    const voters = await Promise.all(Array.from({ length: 50 }, () => registerUser(t)));
    const results = await Promise.all(voters.map((v, i) => vote(t, v, q.id, i % 5 === 0 ? 'DOWN' : 'UP')));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const page = await t.graphql(
      'query ($id: ID!) { thread(id: $id) { score question { score upvotes downvotes } } }',
      { id: q.id },
    );
    expect(page.data!.thread).toEqual({ score: 30, question: { score: 30, upvotes: 40, downvotes: 10 } });
  }, 120_000); // 50 transactions on one post conflict and retry until each commits: slow on 2 busy cores

  it('lists threads by activity, newest, votes and unanswered with stable cursors', async () => {
    const operatorBoard = await createBoard(
      t,
      operatorAdmin,
      (await t.graphql('query ($s: String!) { board(slug: $s) { operator { slug } } }', { s: board.slug })).data!.board
        .operator.slug,
    );
    const [asker, helper] = await Promise.all([registerUser(t), registerUser(t)]);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      t.clock.advance(1000);
      ids.push(
        (
          await ask(t, asker, operatorBoard.slug, {
            title: `Question number ${i} about roaming charges`,
            tags: [i % 2 ? 'roaming' : 'billing'],
          })
        ).id,
      );
    }
    t.clock.advance(1000);
    await answer(t, helper, ids[0]);
    const list = async (sort: string, extra = '') => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const r: any = await t.graphql(
          `query ($b: String!, $a: String) { threads(boardSlug: $b, sort: ${sort}, first: 3, after: $a ${extra}) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { b: operatorBoard.slug, a: after },
        );
        seen.push(...r.data.threads.edges.map((e: any) => e.node.id));
        if (!r.data.threads.pageInfo.hasNextPage) return seen;
        after = r.data.threads.pageInfo.endCursor;
      }
    };
    expect(await list('NEWEST')).toEqual([...ids].reverse());
    expect(await list('ACTIVE')).toEqual([ids[0], ...ids.slice(1).reverse()]);
    expect(await list('UNANSWERED')).toEqual(ids.slice(1).reverse());
    expect(await list('NEWEST', ', tag: "roaming"')).toEqual([ids[5], ids[3], ids[1]]);
    await afterCommitJobsDone(t); // tag counts
    const tags = await t.graphql('query ($s: String!) { board(slug: $s) { questionTags { name questionCount } } }', {
      s: operatorBoard.slug,
    });
    expect(tags.data?.board.questionTags).toEqual([
      { name: 'billing', questionCount: 4 },
      { name: 'roaming', questionCount: 3 },
    ]);
  });

  it('rejects answers and votes on a locked or closed thread with PRECONDITION_FAILED', async () => {
    const [asker, helper] = await Promise.all([registerUser(t), registerUser(t)]);
    const q = await ask(t, asker, board.slug);
    const asModerator = (query: string) => t.graphql(query, { t: q.id }, { token: operatorAdmin.accessToken });
    await asModerator('mutation ($t: ID!) { closeThread(threadId: $t, reason: OFF_TOPIC) { status } }');
    const answered = await t.graphql(
      'mutation ($t: ID!) { postAnswer(threadId: $t, body: "Late answer to a closed question") { id } }',
      { t: q.id },
      { token: helper.accessToken },
    );
    expect(answered.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'THREAD_CLOSED' });
    expect((await vote(t, helper, q.id, 'UP')).errors?.[0].extensions?.reason).toBe('THREAD_CLOSED');
    await asModerator('mutation ($t: ID!) { reopenThread(threadId: $t, reason: "On topic after all") { status } }');
    await asModerator('mutation ($t: ID!) { lockThread(threadId: $t, reason: "Heated argument") { isLocked } }');
    expect((await comment(t, helper, q.id, 'Any update?')).errors?.[0].extensions?.reason).toBe('THREAD_LOCKED');
    expect((await vote(t, helper, q.id, 'UP')).errors?.[0].extensions?.reason).toBe('THREAD_LOCKED');
  });

  it('streams new questions on a board to subscribers over WebSocket', async () => {
    const asker = await registerUser(t);
    const client = t.websocket();
    const iterator = client.iterate<{ boardActivity: { kind: string; threadId: string } }>({
      query: 'subscription ($b: String!) { boardActivity(boardSlug: $b) { kind threadId } }',
      variables: { b: board.slug },
    });
    const first = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const q = await ask(t, asker, board.slug);
    const event = await first;
    expect(event.value.data.boardActivity).toEqual({ kind: 'QUESTION_ASKED', threadId: q.id });
    await iterator.return?.();
    expect(
      (await executeOverWebSocket(client, 'subscription { boardActivity(boardSlug: "no-such-board") { kind } }'))
        .errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
  });
});
