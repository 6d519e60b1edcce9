import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EscalationJob } from '@helpboard/insights';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { notificationsOf } from './support/notifications.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { answer, ask, vote } from './support/threads.js';

const MINUTE = 60_000;

const QUEUE = `query ($b: String!, $t: EscalationTier!) {
  escalationQueue(boardSlug: $b, tier: $t) { edges { node { threadId tier askedAt escalatedAt steps { step dueAt at reason } } } }
}`;

describe('escalation ladder and support cases', () => {
  let t: TestApp;
  let board: { slug: string; id: string };
  let expert: TestUser;
  let staff: TestUser;
  let reputed: TestUser;

  /** Access tokens live 15 minutes on the moved clock: sign in again after moving it. */
  const fresh = async (user: TestUser): Promise<TestUser> => ({
    ...user,
    accessToken: (await login(t, user.handle)).data!.login.accessToken,
  });
  const queue = async (tier: string) => {
    const response = await t.graphql(
      QUEUE,
      { b: board.slug, t: tier },
      { token: (staff = await fresh(staff)).accessToken },
    );
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.escalationQueue.edges.map((e: { node: unknown }) => e.node) as Record<string, any>[];
  };
  const escalations = async (user: TestUser) =>
    (await notificationsOf(t, await fresh(user))).filter((n) => n.kind === 'ESCALATION');
  const runLadder = () => t.app.get(EscalationJob).run();

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    const owner = await registerUser(t);
    const operator = await createOperator(t, admin, [owner.handle]);
    board = await createBoard(t, owner, operator.slug, {
      settings: {
        escalation: { expertsAfterMinutes: 30, staffAfterMinutes: 240 },
        privileges: { flag: 0 },
        reputation: { answerUpvote: 100 },
      },
    });
    [expert, staff] = await Promise.all([registerUser(t), registerUser(t)]);
    await setBoardRole(t, owner, board.slug, expert.handle, 'EXPERT');
    await setBoardRole(t, owner, board.slug, staff.handle, 'STAFF');
    // A peer with 200 reputation on the board is asked along with the experts.
    const [someone, v1, v2] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    reputed = await registerUser(t);
    const earlier = await ask(t, someone, board.slug, { title: 'Where is the APN setting on Android?' });
    const good = await answer(t, reputed, earlier.id, 'Settings → Network → Mobile network → Access point names.');
    await vote(t, v1, good.id, 'UP');
    await vote(t, v2, good.id, 'UP');
  });
  afterAll(async () => {
    await t.close();
  });

  it('moves an unanswered question to experts, then staff, at exactly the configured times; a case solves it', async () => {
    const [asker, stranger] = await Promise.all([registerUser(t), registerUser(t)]);
    const askedAt = t.clock.now().getTime();
    const question = await ask(t, asker, board.slug, { title: 'My fibre line drops every evening' });
    const answered = await ask(t, asker, board.slug, { title: 'How do I reset the router password?' });
    await answer(t, stranger, answered.id, 'Hold the reset button for 10 seconds.');

    t.clock.set(new Date(askedAt + 30 * MINUTE - 1));
    expect(await runLadder()).toBe(0);
    expect(await escalations(expert)).toEqual([]);
    t.clock.set(new Date(askedAt + 30 * MINUTE));
    expect(await runLadder()).toBe(1);
    expect((await escalations(expert)).map((n) => n.text)).toEqual([
      '“My fibre line drops every evening” has waited for an answer: your expertise could help.',
    ]);
    expect((await escalations(reputed)).map((n) => n.threadId)).toEqual([question.id]);
    expect(await escalations(staff)).toEqual([]);
    expect((await queue('EXPERTS')).map((q) => q.threadId)).toEqual([question.id]);

    t.clock.set(new Date(askedAt + 240 * MINUTE - 1));
    expect(await runLadder()).toBe(0);
    t.clock.set(new Date(askedAt + 240 * MINUTE));
    expect(await runLadder()).toBe(1);
    expect(await runLadder()).toBe(0); // a step is never taken twice
    expect((await escalations(staff)).map((n) => n.threadId)).toEqual([question.id]);
    const [queued] = await queue('STAFF');
    expect(queued).toMatchObject({ threadId: question.id, tier: 'STAFF' });
    expect(queued.steps).toEqual([
      {
        step: 'EXPERTS',
        reason: 'SLA',
        dueAt: new Date(askedAt + 30 * MINUTE).toISOString(),
        at: new Date(askedAt + 30 * MINUTE).toISOString(),
      },
      {
        step: 'STAFF',
        reason: 'SLA',
        dueAt: new Date(askedAt + 240 * MINUTE).toISOString(),
        at: new Date(askedAt + 240 * MINUTE).toISOString(),
      },
    ]);
    expect(await queue('EXPERTS')).toEqual([]);

    // Only staff may open a case; the case is private, the thread says staff handle it.
    const notStaff = await t.graphql(
      'mutation ($t: ID!) { escalateToCase(threadId: $t, reason: "Needs a line test") { id } }',
      { t: question.id },
      { token: (await fresh(stranger)).accessToken },
    );
    expect(notStaff.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const opened = await t.graphql(
      'mutation ($t: ID!) { escalateToCase(threadId: $t, reason: "Needs a line test from our side") { id state threadId } }',
      { t: question.id },
      { token: (staff = await fresh(staff)).accessToken },
    );
    const supportCase = opened.data!.escalateToCase;
    expect(supportCase).toMatchObject({ state: 'OPEN', threadId: question.id });
    const again = await t.graphql(
      'mutation ($t: ID!) { escalateToCase(threadId: $t, reason: "Twice") { id } }',
      { t: question.id },
      { token: staff.accessToken },
    );
    expect(again.errors?.[0].extensions?.reason).toBe('CASE_EXISTS');
    expect(await queue('STAFF')).toEqual([]);
    expect((await queue('CASE')).map((q) => q.steps.map((s: { step: string }) => s.step))).toEqual([
      ['EXPERTS', 'STAFF', 'CASE'],
    ]);
    const threadView = (user?: TestUser) =>
      t.graphql(
        'query ($id: ID!) { thread(id: $id) { isHandledByStaff supportCase { id state reason } } }',
        { id: question.id },
        { token: user?.accessToken },
      );
    expect((await threadView()).data?.thread).toEqual({ isHandledByStaff: true, supportCase: null });
    expect((await threadView(await fresh(stranger))).data?.thread.supportCase).toBeNull();
    expect((await threadView(await fresh(asker))).data?.thread.supportCase).toEqual({
      id: supportCase.id,
      state: 'OPEN',
      reason: 'Needs a line test from our side',
    });
    const peek = await t.graphql(
      'query ($id: ID!) { supportCase(id: $id) { id } }',
      { id: supportCase.id },
      { token: (await fresh(stranger)).accessToken },
    );
    expect(peek.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const setState = (state: string) =>
      t.graphql(
        'mutation ($c: ID!, $s: SupportCaseState!) { setSupportCaseState(caseId: $c, state: $s) { state solvedAt } }',
        { c: supportCase.id, s: state },
        { token: staff.accessToken },
      );
    expect((await setState('WAITING_ON_CUSTOMER')).data?.setSupportCaseState.state).toBe('WAITING_ON_CUSTOMER');
    const solved = (await setState('SOLVED')).data?.setSupportCaseState;
    expect(solved).toEqual({ state: 'SOLVED', solvedAt: t.clock.now().toISOString() });
    expect(await queue('CASE')).toEqual([]);
    expect((await escalations(asker)).map((n) => n.text).reverse()).toEqual([
      'Staff are handling your question “My fibre line drops every evening” as a private support case.',
      'Staff are waiting for your reply on your support case “My fibre line drops every evening”.',
      'Your support case “My fibre line drops every evening” is solved.',
    ]);
    // The answered question never climbed.
    expect((await queue('STAFF')).map((q) => q.threadId)).not.toContain(answered.id);
  });

  it('sends a question flagged NEEDS_STAFF straight to the staff queue', async () => {
    const [asker, reader] = await Promise.all([registerUser(t), registerUser(t)]);
    const question = await ask(t, asker, board.slug, { title: 'I was charged twice for my plan' });
    const flagged = await t.graphql(
      'mutation ($p: ID!) { flagPost(postId: $p, reason: NEEDS_STAFF, note: "Billing error, needs an agent") { id } }',
      { p: question.id },
      { token: reader.accessToken },
    );
    expect(flagged.errors).toBeUndefined();
    const [queued] = (await queue('STAFF')).filter((q) => q.threadId === question.id);
    expect(queued.steps.map((s: { step: string; reason: string }) => [s.step, s.reason])).toEqual([
      ['STAFF', 'NEEDS_STAFF'],
    ]);
    expect(await runLadder()).toBe(0); // the experts step is not taken afterwards
  });

  it('keeps escalating an answered question when the asker asked to wait for an accepted answer', async () => {
    const [asker, peer] = await Promise.all([registerUser(t), registerUser(t)]);
    const askedAt = t.clock.now().getTime();
    const question = await ask(t, asker, board.slug, { title: 'Which router works with 10G fibre?' });
    const choice = await t.graphql(
      'mutation ($t: ID!) { setEscalationUntilAccepted(threadId: $t, untilAccepted: true) }',
      { t: question.id },
      { token: asker.accessToken },
    );
    expect(choice.data?.setEscalationUntilAccepted).toBe(true);
    await answer(t, peer, question.id, 'Any router with a 10G WAN port.');
    t.clock.set(new Date(askedAt + 30 * MINUTE));
    await runLadder();
    expect((await queue('EXPERTS')).map((q) => q.threadId)).toContain(question.id);
  });
});
