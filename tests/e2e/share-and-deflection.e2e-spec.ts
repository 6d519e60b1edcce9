import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFLECTION_WINDOW_MS } from '@helpboard/insights';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { answer, ask } from './support/threads.js';

const SHARE =
  'mutation ($a: ID!, $c: ShareChannel!) { shareAnswer(answerId: $a, channel: $c) { code url snippet opens } }';

describe('sharing answers and deflecting questions', () => {
  let t: TestApp;
  let board: { slug: string; id: string };
  let staff: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'http://helpboard.test' });
    const admin = await createPlatformAdmin(t);
    const owner = await registerUser(t);
    const operator = await createOperator(t, admin, [owner.handle]);
    board = await createBoard(t, owner, operator.slug);
    staff = await registerUser(t);
    await setBoardRole(t, owner, board.slug, staff.handle, 'STAFF');
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives staff a stable short link with a snippet, and counts its opens', async () => {
    const [asker, peer] = await Promise.all([registerUser(t), registerUser(t)]);
    const question = await ask(t, asker, board.slug, { title: 'How do I turn on VoLTE?' });
    const posted = await answer(
      t,
      peer,
      question.id,
      'Open **Settings → Mobile network** and switch on *VoLTE calls*. Restart the phone if the option is missing; older models need a software update first.',
    );
    const first = (await t.graphql(SHARE, { a: posted.id, c: 'SMS' }, { token: staff.accessToken })).data!.shareAnswer;
    expect(first.url).toBe(`http://helpboard.test/s/${first.code}`);
    expect(first.snippet).toMatch(
      /^Open Settings → Mobile network and switch on VoLTE calls\..*… http:\/\/helpboard\.test\/s\//,
    );
    expect(first.snippet.length).toBeLessThanOrEqual(160);
    const again = (await t.graphql(SHARE, { a: posted.id, c: 'SMS' }, { token: staff.accessToken })).data!.shareAnswer;
    expect(again.code).toBe(first.code);

    const notStaff = await t.graphql(SHARE, { a: posted.id, c: 'SMS' }, { token: peer.accessToken });
    expect(notStaff.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const onQuestion = await t.graphql(SHARE, { a: question.id, c: 'SMS' }, { token: staff.accessToken });
    expect(onQuestion.errors?.[0].extensions?.reason).toBe('NOT_AN_ANSWER');

    for (let i = 0; i < 2; i++) {
      const opened = await fetch(`${t.baseUrl}/s/${first.code}`, { redirect: 'manual' });
      expect(opened.status).toBe(302);
      expect(opened.headers.get('location')).toBe(`http://helpboard.test/t/${question.id}#a-${posted.id}`);
    }
    // Where it leads is the site's thread page with that answer on it (it was a 404 at /threads/<id>).
    const page = await fetch(`${t.baseUrl}/t/${question.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`id="a-${posted.id}"`);
    expect((await fetch(`${t.baseUrl}/s/nosuchcode`, { redirect: 'manual' })).status).toBe(404);
    const listed = await t.graphql(
      'query ($b: String!) { answerShares(boardSlug: $b) { edges { node { code opens channel snippet } } } }',
      { b: board.slug },
      { token: staff.accessToken },
    );
    expect(listed.data?.answerShares.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { code: first.code, opens: 2, channel: 'SMS', snippet: null },
    ]);
  });

  it('counts suggestions shown, opened, asked anyway and deflected', async () => {
    const [existingAsker, deflectedUser, persistent, undecided] = await Promise.all(
      Array.from({ length: 4 }, () => registerUser(t)),
    );
    const existing = await ask(t, existingAsker, board.slug, { title: 'How do I top up my prepaid SIM?' });
    const from = new Date(t.clock.now().getTime() - 1);
    const show = async (user: TestUser) => {
      const response = await t.graphql(
        'mutation ($b: String!, $t: String!, $ids: [ID!]!) { recordSuggestionsShown(boardSlug: $b, title: $t, threadIds: $ids) }',
        { b: board.slug, t: 'top up prepaid', ids: [existing.id] },
        { token: user.accessToken },
      );
      return response.data!.recordSuggestionsShown as string;
    };
    const open = (user: TestUser, session: string, threadId: string) =>
      t.graphql(
        'mutation ($s: ID!, $t: ID!) { recordSuggestionOpened(askSessionId: $s, threadId: $t) }',
        { s: session, t: threadId },
        { token: user.accessToken },
      );

    const s1 = await show(deflectedUser);
    expect((await open(deflectedUser, s1, existing.id)).data?.recordSuggestionOpened).toBe(true);
    expect((await open(deflectedUser, s1, board.id)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await open(persistent, s1, existing.id)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const s2 = await show(persistent);
    await open(persistent, s2, existing.id);
    await ask(t, persistent, board.slug, { title: 'Top up with a voucher from another country?' });

    t.clock.advance(DEFLECTION_WINDOW_MS);
    // Access tokens live 15 minutes on the moved clock.
    const signIn = async (user: TestUser) => ({
      ...user,
      accessToken: (await login(t, user.handle)).data!.login.accessToken,
    });
    await show(await signIn(undecided)); // shown just now: too early to tell
    const summary = await t.graphql(
      'query ($b: String!, $f: DateTime!, $to: DateTime!) { deflectionSummary(boardSlug: $b, from: $f, to: $to) { suggestionsShown suggestionOpened askedAnyway deflected deflectedAfterOpening pending } }',
      { b: board.slug, f: from.toISOString(), to: new Date(t.clock.now().getTime() + 1).toISOString() },
      { token: (await signIn(staff)).accessToken },
    );
    expect(summary.data?.deflectionSummary).toEqual({
      suggestionsShown: 3,
      suggestionOpened: 2,
      askedAnyway: 1,
      deflected: 1,
      deflectedAfterOpening: 1,
      pending: 1,
    });
  });
});
