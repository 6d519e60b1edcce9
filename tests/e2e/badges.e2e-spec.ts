import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection, Types } from 'mongoose';
import { ImportedBadgesService } from '@helpboard/reputation';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask, vote } from './support/threads.js';

describe('badges: earned on a board, or granted by its staff', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let board: { id: string; slug: string };

  const badgesOf = async (user: TestUser) =>
    (
      await t.graphql(
        'query ($h: String!, $b: String) { user(handle: $h) { badges(boardSlug: $b) { kind tier boardSlug reason } } }',
        {
          h: user.handle,
          b: board.slug,
        },
      )
    ).data!.user.badges as { kind: string; tier: string }[];

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

  it('earns First Accepted Answer, Good Answer at score 10 and Board Expert bronze at 10 answers scoring 20', async () => {
    const [asker, expert, ...voters] = await Promise.all(Array.from({ length: 12 }, () => registerUser(t)));
    const answers: string[] = [];
    let firstThread = '';
    for (let i = 0; i < 10; i++) {
      const q = await ask(t, asker, board.slug, { title: `Expert question number ${i} about signal quality` });
      answers.push((await answer(t, expert, q.id)).id);
      if (i === 0) firstThread = q.id;
      if (i === 0)
        await t.graphql(
          'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
          { a: answers[0] },
          { token: asker.accessToken },
        );
    }
    expect((await badgesOf(expert)).map((b) => b.kind)).toEqual(['FIRST_ACCEPTED_ANSWER']);
    for (const v of voters) await vote(t, v, answers[0], 'UP'); // 10 votes: score 10
    expect((await badgesOf(expert)).map((b) => b.kind)).toContain('GOOD_ANSWER');
    expect((await badgesOf(expert)).map((b) => b.kind)).not.toContain('BOARD_EXPERT');
    for (let i = 1; i < 10; i++) await vote(t, voters[i], answers[i], 'UP'); // total score 19
    expect((await badgesOf(expert)).map((b) => b.kind)).not.toContain('BOARD_EXPERT');
    await vote(t, voters[0], answers[1], 'UP'); // total score 20 over 10 answers
    expect(await badgesOf(expert)).toContainEqual(
      expect.objectContaining({ kind: 'BOARD_EXPERT', tier: 'BRONZE', boardSlug: board.slug }),
    );

    // Author cards show the author's badges on that board.
    const card = await t.graphql(
      'query ($id: ID!) { thread(id: $id) { answers { edges { node { author { badges { kind } } } } } } }',
      { id: firstThread },
    );
    const kinds = card.data!.thread.answers.edges[0].node.author.badges.map((b: { kind: string }) => b.kind);
    expect(kinds).toEqual(expect.arrayContaining(['FIRST_ACCEPTED_ANSWER', 'GOOD_ANSWER', 'BOARD_EXPERT']));
  });

  it('earns Popular Question for its asker when the question reaches 1,000 readers', async () => {
    const { ViewCounter } = await import('../../libs/threads/src/views/view-counter.js');
    const asker = await registerUser(t);
    const q = await ask(t, asker, board.slug, { title: 'Why does my 5G drop in the metro every morning?' });
    const views = t.app.get(ViewCounter);
    // 999 distinct readers counted through the buffered view counter, as the thread page does.
    for (let i = 0; i < 999; i++) views.record(q.id, `reader-${i}`);
    await views.flush();
    expect((await badgesOf(asker)).map((b) => b.kind)).not.toContain('POPULAR_QUESTION');
    const page = await t.graphql(
      'query ($id: ID!) { thread(id: $id) { id } }',
      { id: q.id },
      {
        headers: { 'user-agent': 'the-thousandth-reader' },
      },
    );
    expect(page.errors).toBeUndefined();
    await views.flush();
    expect((await badgesOf(asker)).map((b) => b.kind)).toContain('POPULAR_QUESTION');
  });

  it('lets board staff certify an Official Expert until a date, shown until it expires or is revoked', async () => {
    const [rep, helper, stranger] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    await setBoardRole(t, operatorAdmin, board.slug, rep.handle, 'STAFF');
    const grant =
      'mutation ($b: String!, $h: String!, $e: DateTime!) { grantOfficialExpert(boardSlug: $b, handle: $h, expiresAt: $e, reason: "3G expert of Shanghai") { kind expiresAt } }';
    const expiresAt = new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString();
    expect(
      (await t.graphql(grant, { b: board.slug, h: helper.handle, e: expiresAt }, { token: stranger.accessToken }))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await t.graphql(grant, { b: board.slug, h: helper.handle, e: expiresAt }, { token: rep.accessToken })).data
        ?.grantOfficialExpert.kind,
    ).toBe('OFFICIAL_EXPERT');
    expect(await badgesOf(helper)).toEqual([
      { kind: 'OFFICIAL_EXPERT', tier: 'GOLD', boardSlug: board.slug, reason: '3G expert of Shanghai' },
    ]);

    const holders = await t.graphql(
      'query ($b: String!) { badges(boardSlug: $b, kind: OFFICIAL_EXPERT) { user { handle } } }',
      { b: board.slug },
    );
    expect(holders.data?.badges).toEqual([{ user: { handle: helper.handle } }]);

    t.clock.advance(31 * 86_400_000);
    expect(await badgesOf(helper)).toEqual([]);
    rep.accessToken = (await login(t, rep.handle)).data!.login.accessToken; // a month later: a new session
    await t.graphql(
      grant,
      { b: board.slug, h: helper.handle, e: new Date(t.clock.now().getTime() + 86_400_000).toISOString() },
      { token: rep.accessToken },
    );
    expect(await badgesOf(helper)).toHaveLength(1);
    await t.graphql(
      'mutation ($b: String!, $h: String!) { revokeOfficialExpert(boardSlug: $b, handle: $h) }',
      { b: board.slug, h: helper.handle },
      { token: rep.accessToken },
    );
    expect(await badgesOf(helper)).toEqual([]);
  });

  it("shows a user's imported Stack Exchange badges apart from Helpboard's, on boards the caller may see", async () => {
    const member = await registerUser(t);
    // Fresh accounts: an earlier test moved the clock past this suite's first sessions.
    const owner = await registerUser(t);
    const operator = await createOperator(t, await createPlatformAdmin(t), [owner.handle]);
    const hidden = await createBoard(t, owner, operator.slug, { visibility: 'PRIVATE' });
    const imported = (boardId: string, name: string, site: string) => ({
      _id: new Types.ObjectId(),
      userId: new Types.ObjectId(member.id),
      boardId: new Types.ObjectId(boardId),
      name,
      tier: 'SILVER' as never,
      isTagBased: name === 'grammar',
      awardedAt: new Date('2014-03-01T00:00:00Z'),
      origin: { site, id: 7 },
    });
    const session = await t.app.get<Connection>(getConnectionToken()).startSession();
    try {
      await t.app
        .get(ImportedBadgesService)
        .addMissing(
          [
            imported(board.id, 'Yearling', 'french.stackexchange.com'),
            imported(hidden.id, 'grammar', 'secret.stackexchange.com'),
          ],
          session,
        );
    } finally {
      await session.endSession();
    }
    const response = await t.graphql(
      'query ($h: String!) { user(handle: $h) { badges { kind } importedBadges { name tier isTagBased boardSlug sourceSite matches awardedAt } } }',
      { h: member.handle },
    );
    expect(response.data!.user).toEqual({
      badges: [],
      importedBadges: [
        {
          name: 'Yearling',
          tier: 'SILVER',
          isTagBased: false,
          boardSlug: board.slug,
          sourceSite: 'french.stackexchange.com',
          matches: null,
          awardedAt: '2014-03-01T00:00:00.000Z',
        },
      ],
    });
  });
});
