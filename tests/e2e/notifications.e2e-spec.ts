import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainEventBus } from '@helpboard/core';
import { AnswerPosted } from '@helpboard/threads';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { notificationsOf, waitForNotificationSubscriber } from './support/notifications.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { answer, ask, comment } from './support/threads.js';

describe('notifications', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let board: { slug: string; id: string };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug);
  });
  afterAll(async () => {
    await t.close();
  });

  it('tells the asker live over WebSocket when their question is answered, and only them', async () => {
    const [asker, answerer, stranger] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    const question = await ask(t, asker, board.slug, { title: 'Roaming in Japan: which plan covers it?' });

    const live = t.websocket({ authorization: asker.accessToken });
    const received = (async () => {
      for await (const event of live.iterate<{ notificationAdded: Record<string, any> }>({
        query: 'subscription { notificationAdded { id kind text threadId actorHandle isRead } }',
      })) {
        return event.data!.notificationAdded;
      }
    })();
    await waitForNotificationSubscriber(t, asker.id);
    const posted = await answer(t, answerer, question.id, 'The Travel Pass covers Japan for 7 days.');

    const notification = await received;
    expect(notification).toMatchObject({
      kind: 'NEW_ANSWER',
      threadId: question.id,
      actorHandle: answerer.handle,
      isRead: false,
      text: `@${answerer.handle} answered your question “Roaming in Japan: which plan covers it?”.`,
    });
    const [stored] = await notificationsOf(t, asker, { locale: 'zh-CN' });
    expect(stored).toMatchObject({ id: notification!.id, postId: posted.id });
    expect(stored.text).toBe(`@${answerer.handle} 回答了你的问题“Roaming in Japan: which plan covers it?”。`);
    expect(await notificationsOf(t, stranger)).toEqual([]);
    expect(await notificationsOf(t, answerer)).toEqual([]);
  });

  it('refuses the live feed to anonymous callers', async () => {
    const client = t.websocket();
    const outcome = await new Promise<any>((resolve) => {
      client.subscribe(
        { query: 'subscription { notificationAdded { id } }' },
        { next: resolve, error: resolve, complete: () => resolve(null) },
      );
    });
    expect(JSON.stringify(outcome)).toContain('UNAUTHENTICATED');
  });

  it('notifies comments, acceptance, official marks, mentions and the badge they earn', async () => {
    const [asker, peer, rep] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    await setBoardRole(t, operatorAdmin, board.slug, rep.handle, 'STAFF');
    const question = await ask(t, asker, board.slug, { title: 'Why is my bill higher this month?' });
    const peerAnswer = await answer(
      t,
      peer,
      question.id,
      `Check the roaming line, as @${rep.handle} explained before.`,
    );
    await comment(t, asker, peerAnswer.id, 'Where do I see the roaming line?');
    await comment(t, rep, peerAnswer.id, 'It is under Extras on page 2.');
    await t.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
      { a: peerAnswer.id },
      { token: asker.accessToken },
    );
    await t.graphql(
      'mutation ($a: ID!) { markOfficialAnswer(answerId: $a) { id } }',
      { a: peerAnswer.id },
      { token: rep.accessToken },
    );

    const peerKinds = (await notificationsOf(t, peer)).map((n) => n.kind).sort();
    expect(peerKinds).toEqual(['ANSWER_ACCEPTED', 'ANSWER_OFFICIAL', 'BADGE_EARNED', 'NEW_COMMENT', 'NEW_COMMENT']);
    const badge = (await notificationsOf(t, peer)).find((n) => n.kind === 'BADGE_EARNED')!;
    expect(badge.text).toMatch(/First Accepted Answer badge \(bronze\)/);
    expect((await notificationsOf(t, rep)).map((n) => n.kind)).toEqual(['MENTION']);
    // The asker hears of the answer and of the rep's comment in their thread, not of their own comment.
    expect((await notificationsOf(t, asker)).map((n) => n.kind).sort()).toEqual(['NEW_ANSWER', 'NEW_COMMENT']);
  });

  it('marks notifications read, one by one or all at once', async () => {
    const [asker, a1, a2] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    const question = await ask(t, asker, board.slug, { title: 'Can I keep my number when I move?' });
    await answer(t, a1, question.id, 'Yes, number portability is free.');
    await answer(t, a2, question.id, 'Yes, ask for a porting code.');
    const [first] = await notificationsOf(t, asker);
    const mark = (ids: string[] | null) =>
      t.graphql('mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }', { ids }, { token: asker.accessToken });
    expect((await mark([first.id])).data?.markNotificationsRead).toBe(1);
    expect((await notificationsOf(t, asker, { unreadOnly: true })).map((n) => n.id)).not.toContain(first.id);
    expect((await mark(null)).data?.markNotificationsRead).toBe(0);
    expect(await notificationsOf(t, asker, { unreadOnly: true })).toEqual([]);
    expect((await mark(['not-an-id'])).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets users follow boards, tags and threads, unfollow, and turn a kind off', async () => {
    const [asker, boardFan, tagFan, threadFan, answerer] = await Promise.all(
      Array.from({ length: 5 }, () => registerUser(t)),
    );
    const follow = (user: TestUser, input: Record<string, unknown>, op = 'follow') =>
      t.graphql(
        `mutation ($i: FollowInput!) { ${op}(input: $i) ${op === 'follow' ? '{ targetType tag }' : ''} }`,
        { i: input },
        { token: user.accessToken },
      );
    expect((await follow(boardFan, { boardSlug: board.slug })).data?.follow).toEqual({
      targetType: 'BOARD',
      tag: null,
    });
    expect((await follow(tagFan, { boardSlug: board.slug, tag: 'eSIM' })).data?.follow).toEqual({
      targetType: 'TAG',
      tag: 'esim',
    });
    expect((await follow(tagFan, { tag: 'esim' })).errors?.[0].extensions?.reason).toBe('INVALID_INPUT');

    const esim = await ask(t, asker, board.slug, { title: 'Does the new phone support eSIM?', tags: ['esim'] });
    await ask(t, asker, board.slug, { title: 'Is there 5G in the metro?', tags: ['5g'] });
    expect((await notificationsOf(t, boardFan)).map((n) => n.kind)).toEqual(['NEW_QUESTION', 'NEW_QUESTION']);
    expect((await notificationsOf(t, tagFan)).map((n) => n.postId)).toEqual([esim.id]);

    await follow(threadFan, { threadId: esim.id });
    await follow(asker, { threadId: esim.id }, 'unfollow');
    await answer(t, answerer, esim.id, 'Yes, every model since 2022.');
    const [fanNote] = await notificationsOf(t, threadFan);
    expect(fanNote.text).toContain('a question you follow');
    expect(await notificationsOf(t, asker)).toEqual([]);

    const off = await t.graphql(
      'mutation { setNotificationPreference(kind: NEW_QUESTION, channel: OFF) { kind channel isDefault } }',
      {},
      { token: boardFan.accessToken },
    );
    expect(off.data?.setNotificationPreference).toContainEqual({
      kind: 'NEW_QUESTION',
      channel: 'OFF',
      isDefault: false,
    });
    await ask(t, asker, board.slug, { title: 'A question nobody is told about' });
    expect(await notificationsOf(t, boardFan)).toHaveLength(2);
  });

  it('tells an author, without naming the moderator, when their post is hidden', async () => {
    const [author, moderator] = await Promise.all([registerUser(t), registerUser(t)]);
    await setBoardRole(t, operatorAdmin, board.slug, moderator.handle, 'MODERATOR');
    const question = await ask(t, author, board.slug, { title: 'Selling my old SIM card, who wants it?' });
    const hidden = await t.graphql(
      'mutation ($p: ID!) { hidePost(postId: $p, isHidden: true, reason: "Trading is not allowed here") { id } }',
      { p: question.id },
      { token: moderator.accessToken },
    );
    expect(hidden.errors).toBeUndefined();
    const notes = await notificationsOf(t, author);
    expect(notes.map((n) => n.kind)).toEqual(['MODERATION']);
    expect(notes[0].text).toBe(
      'A moderator hid your post in “Selling my old SIM card, who wants it?”. Reason: Trading is not allowed here',
    );
    expect(notes[0].actorHandle).toBeNull();
  });

  it('never notifies twice when an event is delivered again', async () => {
    const [asker, answerer] = await Promise.all([registerUser(t), registerUser(t)]);
    const question = await ask(t, asker, board.slug, { title: 'Is Wi-Fi calling free abroad?' });
    const posted = await answer(t, answerer, question.id, 'Yes, calls over Wi-Fi are billed as domestic.');
    const redelivered = new AnswerPosted(board.id, question.id, answerer.id, t.clock.now(), posted.id);
    await t.app.get(DomainEventBus).publish([redelivered, redelivered]);
    expect(await notificationsOf(t, asker)).toHaveLength(1);
  });
});
