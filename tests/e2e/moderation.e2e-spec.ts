import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection, Types } from 'mongoose';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask, comment, vote } from './support/threads.js';

describe('moderation: accountable actions within the moderator’s boards', () => {
  let t: TestApp;
  let admin: TestUser;
  let operatorAdmin: TestUser;
  let mod: TestUser;
  let asker: TestUser;
  let helper: TestUser;
  let board: { slug: string };
  let otherBoard: { slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPlatformAdmin(t);
    [operatorAdmin, mod, asker, helper] = await Promise.all(Array.from({ length: 4 }, () => registerUser(t)));
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug);
    otherBoard = await createBoard(t, operatorAdmin, operator.slug);
    await setBoardRole(t, operatorAdmin, board.slug, mod.handle, 'MODERATOR');
  });
  afterAll(async () => {
    await t.close();
  });

  const m = (query: string, variables: Record<string, unknown>, user: TestUser) =>
    t.graphql(query, variables, { token: user.accessToken });

  it("merges a duplicate's answers, comments and votes into the original, which keeps its own accepted answer", async () => {
    const reputationOf = async (user: TestUser) =>
      (await t.graphql('query ($h: String!) { user(handle: $h) { reputation } }', { h: user.handle })).data!.user
        .reputation as number;
    const [otherAsker, movedAnswerer, voter] = await Promise.all(Array.from({ length: 3 }, () => registerUser(t)));
    const original = await ask(t, asker, board.slug, { title: 'How do I turn on Wi-Fi calling on my phone?' });
    const duplicate = await ask(t, otherAsker, board.slug, { title: 'Where is the Wi-Fi calling switch on Android?' });
    const kept = await answer(t, helper, original.id, 'Settings → Connections → Wi-Fi Calling.');
    const moved = await answer(t, movedAnswerer, duplicate.id, 'On Android it is under Phone → Settings → Calls.');
    await comment(t, otherAsker, moved.id, 'Found it, thanks!');
    await vote(t, voter, moved.id, 'UP');
    for (const [user, a] of [
      [asker, kept],
      [otherAsker, moved],
    ] as const) {
      await m('mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }', { a: a.id }, user);
    }
    expect(await reputationOf(movedAnswerer)).toBe(26); // 1 + 10 (upvote) + 15 (accepted)

    const merge =
      'mutation ($d: ID!, $o: ID!) { mergeThreads(duplicateId: $d, originalId: $o, reason: "same question") { id answerCount acceptedAnswerId } }';
    expect((await m(merge, { d: duplicate.id, o: original.id }, helper)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const merged = await m(merge, { d: duplicate.id, o: original.id }, mod);
    expect(merged.data!.mergeThreads).toEqual({ id: original.id, answerCount: 2, acceptedAnswerId: kept.id });

    const page = await t.graphql(
      'query ($id: ID!) { thread(id: $id) { answers { edges { node { id score isAccepted comments { body } } } } } }',
      { id: original.id },
    );
    expect(page.data!.thread.answers.edges.map((e: any) => e.node)).toEqual([
      { id: kept.id, score: 0, isAccepted: true, comments: [] },
      { id: moved.id, score: 1, isAccepted: false, comments: [{ body: 'Found it, thanks!' }] },
    ]);
    const signpost = await t.graphql(
      'query ($id: ID!) { thread(id: $id) { status closeReason duplicateOfId answerCount } }',
      {
        id: duplicate.id,
      },
    );
    expect(signpost.data!.thread).toEqual({
      status: 'CLOSED',
      closeReason: 'DUPLICATE',
      duplicateOfId: original.id,
      answerCount: 0,
    });
    // The moved answer's acceptance is withdrawn, and the reputation it gave with it.
    expect(await reputationOf(movedAnswerer)).toBe(11);
    const log = await m(
      'query ($b: String!) { moderationLog(boardSlug: $b, first: 1) { action targetId after } }',
      { b: board.slug },
      mod,
    );
    expect(log.data!.moderationLog[0]).toMatchObject({ action: 'MERGE', targetId: duplicate.id });
    expect(JSON.parse(log.data!.moderationLog[0].after)).toEqual({ mergedInto: original.id, answersMoved: 1 });
    // The duplicate's asker is told, with the reason.
    const told = await m('{ notifications(first: 20) { edges { node { kind threadId text } } } }', {}, otherAsker);
    expect(told.data!.notifications.edges.map((e: any) => e.node)).toContainEqual(
      expect.objectContaining({ threadId: duplicate.id, text: expect.stringMatching(/merged.*same question/) }),
    );
  });

  it('closes as duplicate, rejects new answers and votes, then reopens', async () => {
    const original = await ask(t, asker, board.slug, { title: 'How to set up voicemail on a new phone' });
    const copy = await ask(t, asker, board.slug, { title: 'Setting up voicemail on my new phone?' });
    const close =
      'mutation ($t: ID!, $d: ID) { closeThread(threadId: $t, reason: DUPLICATE, duplicateOfId: $d) { status closeReason duplicateOfId } }';
    expect((await m(close, { t: copy.id }, mod)).errors?.[0].extensions?.fields).toEqual([
      { field: 'duplicateOfId', message: 'Is required.' },
    ]);
    expect((await m(close, { t: copy.id, d: original.id }, helper)).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'BOARD_ROLE_REQUIRED',
    });
    expect((await m(close, { t: copy.id, d: original.id }, mod)).data?.closeThread).toEqual({
      status: 'CLOSED',
      closeReason: 'DUPLICATE',
      duplicateOfId: original.id,
    });
    expect((await m(close, { t: copy.id, d: original.id }, mod)).errors?.[0].extensions?.code).toBe(
      'PRECONDITION_FAILED',
    );

    const late = await m(
      'mutation ($t: ID!) { postAnswer(threadId: $t, body: "A late answer to a closed one.") { id } }',
      { t: copy.id },
      helper,
    );
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'THREAD_CLOSED' });
    expect((await vote(t, helper, copy.id, 'UP')).errors?.[0].extensions?.reason).toBe('THREAD_CLOSED');
    expect((await comment(t, helper, copy.id, 'See the original question.')).errors).toBeUndefined();

    const reopened = await m(
      'mutation ($t: ID!) { reopenThread(threadId: $t, reason: "Different phone model") { status } }',
      { t: copy.id },
      mod,
    );
    expect(reopened.data?.reopenThread.status).toBe('OPEN');
    expect((await answer(t, helper, copy.id)).id).toBeDefined();
  });

  it('locks a thread against everything new, and pins it to the top of the board', async () => {
    const q = await ask(t, asker, board.slug, { title: 'Official: planned maintenance this weekend' });
    await ask(t, asker, board.slug, { title: 'A newer question asked after the notice' });
    await m('mutation ($t: ID!) { lockThread(threadId: $t, reason: "Announcement") { isLocked } }', { t: q.id }, mod);
    expect((await comment(t, helper, q.id, 'Will SMS work?')).errors?.[0].extensions?.reason).toBe('THREAD_LOCKED');
    await m('mutation ($t: ID!) { pinThread(threadId: $t) { isPinned } }', { t: q.id }, mod);
    const list = await t.graphql(
      'query ($b: String!) { threads(boardSlug: $b, sort: NEWEST, first: 1) { edges { node { id isPinned } } } }',
      { b: board.slug },
    );
    expect(list.data?.threads.edges[0].node).toEqual({ id: q.id, isPinned: true });
  });

  it('moves a thread only for moderators of both boards', async () => {
    const q = await ask(t, asker, board.slug, { title: 'Question that belongs on the other board' });
    const move =
      'mutation ($t: ID!, $b: String!) { moveThread(threadId: $t, toBoardSlug: $b, reason: "Wrong board") { id } }';
    expect((await m(move, { t: q.id, b: otherBoard.slug }, mod)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await setBoardRole(t, operatorAdmin, otherBoard.slug, mod.handle, 'MODERATOR');
    expect((await m(move, { t: q.id, b: otherBoard.slug }, mod)).errors).toBeUndefined();
    const moved = await t.graphql(
      'query ($id: ID!) { thread(id: $id) { board { slug } answers { edges { node { id } } } } }',
      { id: q.id },
    );
    expect(moved.data?.thread.board.slug).toBe(otherBoard.slug);
  });

  it('hides an answer (and its reputation) and a whole question, then restores', async () => {
    const q = await ask(t, asker, board.slug, { title: 'Spam magnet question about free phones' });
    const a = await answer(t, helper, q.id, 'Buy cheap phones at spam.example!!!');
    await vote(t, asker, a.id, 'UP');
    const reputation = async () =>
      (await t.graphql('query ($h: String!) { user(handle: $h) { reputation } }', { h: helper.handle })).data!.user
        .reputation as number;
    const earned = await reputation();
    const hide =
      'mutation ($p: ID!, $h: Boolean!) { hidePost(postId: $p, reason: "Spam", isHidden: $h) { id isHidden } }';
    // The answer is the post as the change left it.
    expect((await m(hide, { p: a.id, h: true }, mod)).data?.hidePost).toEqual({ id: a.id, isHidden: true });
    expect(await reputation()).toBe(earned - 10);
    const page = await t.graphql(
      'query ($id: ID!) { thread(id: $id) { answerCount answers { edges { node { id } } } } }',
      { id: q.id },
    );
    expect(page.data?.thread).toEqual({ answerCount: 0, answers: { edges: [] } });
    // Its moderators still see it, marked.
    const moderatorsPage = await m(
      'query ($id: ID!) { thread(id: $id) { answers { edges { node { id isHidden } } } } }',
      { id: q.id },
      mod,
    );
    expect(moderatorsPage.data?.thread.answers.edges).toEqual([{ node: { id: a.id, isHidden: true } }]);
    expect((await m(hide, { p: a.id, h: false }, mod)).data?.hidePost).toEqual({ id: a.id, isHidden: false });
    expect(
      (await t.graphql('query ($id: ID!) { thread(id: $id) { answerCount } }', { id: q.id })).data?.thread.answerCount,
    ).toBe(1);
    expect(await reputation()).toBe(earned);
    await m(hide, { p: q.id, h: true }, mod);
    expect(
      (await t.graphql('query ($id: ID!) { thread(id: $id) { id } }', { id: q.id })).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
  });

  it('lets authors delete their own posts unless others rely on them, and moderators undelete', async () => {
    const [author, stranger] = await Promise.all([registerUser(t), registerUser(t)]);
    const q = await ask(t, author, board.slug, { title: 'A question its author wants to delete' });
    const a = await answer(t, author, q.id, 'Answering my own question, then deleting it.');
    await vote(t, stranger, a.id, 'UP');
    const del = 'mutation ($p: ID!) { deletePost(postId: $p) { id } }';
    expect((await m(del, { p: a.id }, stranger)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await m(del, { p: q.id }, author)).errors?.[0].extensions).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'QUESTION_HAS_UPVOTED_ANSWER',
    });
    expect((await m(del, { p: a.id }, author)).errors).toBeUndefined();
    expect(
      (await t.graphql('query ($id: ID!) { thread(id: $id) { answerCount } }', { id: q.id })).data?.thread.answerCount,
    ).toBe(0);
    const undelete = 'mutation ($p: ID!) { undeletePost(postId: $p, reason: "Deleted by mistake") { id } }';
    expect((await m(undelete, { p: a.id }, author)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await m(undelete, { p: a.id }, mod)).errors).toBeUndefined();
    expect(
      (await t.graphql('query ($id: ID!) { thread(id: $id) { answerCount } }', { id: q.id })).data?.thread.answerCount,
    ).toBe(1);
  });

  it('records every action with actor, reason and before/after, readable by moderators only', async () => {
    const log = await m(
      'query ($b: String!) { moderationLog(boardSlug: $b, first: 50) { action reason before after actor { handle } } }',
      { b: board.slug },
      mod,
    );
    const actions = log.data?.moderationLog.map((e: any) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['CLOSE', 'REOPEN', 'LOCK', 'PIN', 'MOVE', 'HIDE', 'RESTORE', 'DELETE', 'UNDELETE']),
    );
    const close = log.data?.moderationLog.find((e: any) => e.action === 'CLOSE');
    expect(close).toMatchObject({ reason: 'DUPLICATE', actor: { handle: mod.handle } });
    expect(JSON.parse(close.before).status).toBe('OPEN');
    expect(JSON.parse(close.after).status).toBe('CLOSED');
    expect(
      (await m('query ($b: String!) { moderationLog(boardSlug: $b) { action } }', { b: board.slug }, helper))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('lets platform admins suspend a user until a date: reads work, sign-in and writes do not', async () => {
    const troll = await registerUser(t);
    const until = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
    const suspend =
      'mutation ($h: String!, $u: DateTime) { suspendUser(handle: $h, until: $u, reason: "Repeated abuse") { isSuspended } }';
    expect((await m(suspend, { h: troll.handle, u: until }, mod)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await m(suspend, { h: troll.handle, u: until }, admin)).data?.suspendUser.isSuspended).toBe(true);
    expect((await ask(t, troll, board.slug).catch((e: Error) => e)) instanceof Error).toBe(true);
    expect((await login(t, troll.handle)).errors?.[0].extensions?.reason).toBe('USER_SUSPENDED');
    expect(
      (
        await t.graphql(
          'query ($b: String!) { board(slug: $b) { slug } }',
          { b: board.slug },
          { token: troll.accessToken },
        )
      ).errors,
    ).toBeUndefined();
    const lift = 'mutation ($h: String!) { unsuspendUser(handle: $h, reason: "Appeal accepted") { isSuspended } }';
    expect((await m(lift, { h: troll.handle }, admin)).data?.unsuspendUser.isSuspended).toBe(false);
    expect((await login(t, troll.handle)).errors).toBeUndefined();
  });

  it('suspends only with an end date or explicitly until lifted, lifts only through unsuspendUser, and logs what happened', async () => {
    const troll = await registerUser(t);
    const suspend = (variables: Record<string, unknown>) =>
      m(
        'mutation ($h: String!, $u: DateTime, $i: Boolean) { suspendUser(handle: $h, until: $u, indefinitely: $i, reason: "Repeated abuse") { isSuspended } }',
        { h: troll.handle, ...variables },
        admin,
      );
    const until = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    // Neither or both: refused, and nobody is suspended or lifted by a forgotten date.
    for (const variables of [{}, { u: null }, { u: until, i: true }]) {
      expect((await suspend(variables)).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'UNTIL_OR_INDEFINITELY',
      });
    }
    expect((await suspend({ i: true })).data?.suspendUser.isSuspended).toBe(true);
    expect((await suspend({ u: null })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await login(t, troll.handle)).errors?.[0].extensions?.reason).toBe('USER_SUSPENDED');
    const lift = 'mutation ($h: String!) { unsuspendUser(handle: $h, reason: "Appeal accepted") { isSuspended } }';
    expect((await m(lift, { h: troll.handle }, admin)).data?.unsuspendUser.isSuspended).toBe(false);

    // Platform suspensions belong to no board, so no board's log shows them: read the audit trail itself.
    const entries = await t.app
      .get<Connection>(getConnectionToken())
      .collection('moderation_audit')
      .find({ targetType: 'user', targetId: new Types.ObjectId(troll.id) })
      .sort({ _id: 1 })
      .toArray();
    expect(entries.map((entry) => [entry.action, entry.before, entry.after])).toEqual([
      ['SUSPEND', { suspended: false, until: null }, { suspended: true, until: 'until lifted' }],
      ['UNSUSPEND', { suspended: true, until: 'until lifted' }, { suspended: false, until: null }],
    ]);
  });

  it("lets an operator admin suspend a user on that operator's boards only, until lifted", async () => {
    const carrier = await createOperator(t, admin, [operatorAdmin.handle]);
    const bank = await createOperator(t, admin, []);
    const [carrierBoard, bankBoard] = [
      await createBoard(t, operatorAdmin, carrier.slug),
      await createBoard(t, admin, bank.slug),
    ];
    const [troll, author] = await Promise.all([registerUser(t), registerUser(t)]);
    const onCarrier = await ask(t, author, carrierBoard.slug);
    const atBank = await ask(t, author, bankBoard.slug);
    const suspend =
      'mutation ($h: String!, $o: String) { suspendUser(handle: $h, operatorSlug: $o, indefinitely: true, reason: "Spamming the carrier boards") { isSuspended } }';
    expect((await m(suspend, { h: troll.handle, o: bank.slug }, operatorAdmin)).errors?.[0].extensions?.reason).toBe(
      'OPERATOR_ADMIN_REQUIRED',
    );
    // The account itself stays in good standing: only this operator's boards are closed to it.
    expect((await m(suspend, { h: troll.handle, o: carrier.slug }, operatorAdmin)).data?.suspendUser.isSuspended).toBe(
      false,
    );
    const refused = await t.graphql(
      'mutation ($t: ID!, $b: String!) { postAnswer(threadId: $t, body: $b) { id } }',
      { t: onCarrier.id, b: 'Buy followers cheap at my site, best prices.' },
      { token: troll.accessToken },
    );
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'USER_SUSPENDED' });
    expect((await vote(t, troll, onCarrier.id, 'UP')).errors?.[0].extensions?.reason).toBe('USER_SUSPENDED');
    expect((await answer(t, troll, atBank.id, 'On the bank boards my answers still count.')).id).toBeTruthy();
    expect(
      (
        await t.graphql(
          'query ($id: ID!) { thread(id: $id) { id } }',
          { id: onCarrier.id },
          { token: troll.accessToken },
        )
      ).errors,
    ).toBeUndefined();

    const lift =
      'mutation ($h: String!, $o: String) { unsuspendUser(handle: $h, operatorSlug: $o, reason: "Appeal accepted") { handle } }';
    expect((await m(lift, { h: troll.handle, o: carrier.slug }, operatorAdmin)).errors).toBeUndefined();
    expect((await answer(t, troll, onCarrier.id, 'Sorry: here is the real answer, dial *100#.')).id).toBeTruthy();
  });

  it('warns a user on a board; the user sees the warning and the reason', async () => {
    const user = await registerUser(t);
    const warn =
      'mutation ($b: String!, $h: String!) { warnUser(boardSlug: $b, handle: $h, reason: "Please keep answers on topic") }';
    expect((await m(warn, { b: board.slug, h: user.handle }, helper)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await m(warn, { b: board.slug, h: user.handle }, mod)).data?.warnUser).toBe(true);
    const mine = await m('{ myWarnings { action reason actor { handle } } }', {}, user);
    expect(mine.data?.myWarnings).toEqual([
      { action: 'WARN', reason: 'Please keep answers on topic', actor: { handle: mod.handle } },
    ]);
  });
});
