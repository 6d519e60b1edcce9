// Live updates over a real WebSocket re-check access for every event (issue #21): a member removed
// from a private board stops receiving its activity, and an anonymous subscriber to a public
// thread stops receiving it once the thread moves into a private board.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask } from './support/threads.js';

interface Watch<T> {
  events: T[];
  /** Settles when the server ends the subscription. */
  ended: Promise<void>;
}

describe('live updates after access is lost', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let publicBoard: { slug: string };
  let privateBoard: { slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    publicBoard = await createBoard(t, operatorAdmin, operator.slug);
    privateBoard = await createBoard(t, operatorAdmin, operator.slug, { visibility: 'PRIVATE' });
  });
  afterAll(async () => {
    await t.close();
  });

  function watch<T>(query: string, variables: Record<string, unknown>, token?: string): Watch<T> {
    const client = t.websocket(token ? { authorization: `Bearer ${token}` } : undefined);
    const events: T[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      client.subscribe<T>(
        { query, variables },
        { next: (value) => events.push(value.data as T), error: reject, complete: resolve },
      );
    });
    return { events, ended };
  }
  const registered = () => new Promise((resolve) => setTimeout(resolve, 150)); // let the subscription register
  const delivered = () => new Promise((resolve) => setTimeout(resolve, 300)); // let a published event arrive

  it('stops a member removed from a private board from receiving its boardActivity', async () => {
    const [member, asker] = await Promise.all([registerUser(t), registerUser(t)]);
    for (const user of [member, asker]) await setBoardRole(t, operatorAdmin, privateBoard.slug, user.handle, 'MEMBER');
    const live = watch<{ boardActivity: { threadId: string } }>(
      'subscription ($b: String!) { boardActivity(boardSlug: $b) { threadId } }',
      { b: privateBoard.slug },
      member.accessToken,
    );
    await registered();
    const first = await ask(t, asker, privateBoard.slug, { title: 'Beta question everyone may see live' });
    await delivered();
    expect(live.events).toEqual([{ boardActivity: { threadId: first.id } }]);

    expect((await setBoardRole(t, operatorAdmin, privateBoard.slug, member.handle, null)).errors).toBeUndefined();
    await ask(t, asker, privateBoard.slug, { title: 'Beta question after the member left' });
    await Promise.race([live.ended, delivered()]);
    expect(live.events).toHaveLength(1);
  });

  it('stops an anonymous subscriber to a public thread once it moves into a private board', async () => {
    const [asker, helper, moderator] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    for (const slug of [publicBoard.slug, privateBoard.slug])
      await setBoardRole(t, operatorAdmin, slug, moderator.handle, 'MODERATOR');
    await setBoardRole(t, operatorAdmin, privateBoard.slug, helper.handle, 'MEMBER');
    const q = await ask(t, asker, publicBoard.slug, { title: 'Public question that is moved somewhere private' });
    const live = watch<{ threadActivity: { kind: string } }>(
      'subscription ($id: ID!) { threadActivity(threadId: $id) { kind } }',
      { id: q.id },
    );
    await registered();
    await answer(t, helper, q.id, 'An answer anyone may still see.');
    await delivered();
    expect(live.events).toEqual([{ threadActivity: { kind: 'ANSWER_POSTED' } }]);

    const moved = await t.graphql(
      'mutation ($t: ID!, $b: String!) { moveThread(threadId: $t, toBoardSlug: $b, reason: "Beta only") { id } }',
      { t: q.id, b: privateBoard.slug },
      { token: moderator.accessToken },
    );
    expect(moved.errors).toBeUndefined();
    await answer(t, helper, q.id, 'An answer only beta members may see.');
    await Promise.race([live.ended, delivered()]);
    expect(live.events).toHaveLength(1);
  });
});
