// Privileges are earned with reputation on one operator's boards, named when missing, and
// reputation is explainable per board, page by page; leaderboards count calendar periods.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ReputationVerifier } from '@helpboard/reputation';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask, vote } from './support/threads.js';

const DEFAULT_PRIVILEGES = { upvote: 15, downvote: 125, comment: 50 };

describe('privileges and explainable reputation', () => {
  let t: TestApp;
  let admin: TestUser;
  let operatorAdmin: TestUser;
  let carrier: { slug: string };
  let bank: { slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    carrier = await createOperator(t, admin, [operatorAdmin.handle]);
    bank = await createOperator(t, admin, [operatorAdmin.handle]);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A user with 21 reputation on the carrier's boards: their question upvoted twice (+10 each). */
  async function earnOnCarrier(board: { slug: string }): Promise<TestUser> {
    const earner = await registerUser(t);
    const question = await ask(t, earner, board.slug);
    for (const voter of await Promise.all([registerUser(t), registerUser(t)])) {
      expect((await vote(t, voter, question.id, 'UP')).errors).toBeUndefined();
    }
    return earner;
  }

  it("counts reputation per operator: earned on the carrier's boards, it unlocks nothing at the bank", async () => {
    const carrierBoard = await createBoard(t, operatorAdmin, carrier.slug);
    const carrierStrict = await createBoard(t, operatorAdmin, carrier.slug, {
      settings: { privileges: DEFAULT_PRIVILEGES },
    });
    const bankStrict = await createBoard(t, operatorAdmin, bank.slug, { settings: { privileges: DEFAULT_PRIVILEGES } });
    const earner = await earnOnCarrier(carrierBoard);
    const reputation = await t.graphql(
      'query ($h: String!, $o: String!, $b: String!) { user(handle: $h) { overall: reputation carrier: reputation(operatorSlug: $o) bank: reputation(operatorSlug: $b) } }',
      { h: earner.handle, o: carrier.slug, b: bank.slug },
    );
    expect(reputation.data!.user).toEqual({ overall: 21, carrier: 21, bank: 1 });

    const author = await registerUser(t);
    const onCarrier = await ask(t, author, carrierStrict.slug);
    const atBank = await ask(t, author, bankStrict.slug);
    expect((await vote(t, earner, onCarrier.id, 'UP')).errors).toBeUndefined();
    const refused = await vote(t, earner, atBank.id, 'UP');
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PRIVILEGE_REQUIRED',
      details: { privilege: 'UPVOTE', required: 15 },
    });
    expect(refused.errors?.[0].message).toBe("You need 15 reputation on this operator's boards to do that.");
    const downvote = await vote(t, earner, onCarrier.id, 'DOWN');
    expect(downvote.errors?.[0].extensions?.details).toEqual({ privilege: 'DOWNVOTE', required: 125 });
  });

  it('lists my privileges with their thresholds, on an operator or on a board where my role grants them', async () => {
    const board = await createBoard(t, operatorAdmin, carrier.slug);
    const earner = await earnOnCarrier(board);
    const mine = await t.graphql(
      'query ($o: String!) { myPrivileges(operatorSlug: $o) { privilege required isGranted byRole } }',
      { o: carrier.slug },
      { token: earner.accessToken },
    );
    const byName = Object.fromEntries(mine.data!.myPrivileges.map((p: any) => [p.privilege, p]));
    expect(byName.UPVOTE).toEqual({ privilege: 'UPVOTE', required: 15, isGranted: true, byRole: false });
    expect(byName.COMMENT).toMatchObject({ required: 50, isGranted: false });
    expect(byName.EDIT_OTHERS_POSTS).toMatchObject({ required: 2000, isGranted: false });
    expect(byName.CLOSE_VOTES).toMatchObject({ required: 3000, isGranted: false });
    expect(byName.MODERATION_TOOLS).toMatchObject({ required: 10000, isGranted: false });

    const rep = await registerUser(t);
    await setBoardRole(t, operatorAdmin, board.slug, rep.handle, 'STAFF');
    const staff = await t.graphql(
      'query ($b: String!) { myPrivileges(boardSlug: $b) { privilege isGranted byRole } }',
      { b: board.slug },
      { token: rep.accessToken },
    );
    expect(staff.data!.myPrivileges.every((p: any) => p.isGranted && p.byRole)).toBe(true);

    const neither = await t.graphql('{ myPrivileges { privilege } }', {}, { token: rep.accessToken });
    expect(neither.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("lets a user with the board's edit threshold edit others' posts, keeping the revision", async () => {
    const board = await createBoard(t, operatorAdmin, carrier.slug, {
      settings: { privileges: { editOthersPosts: 20 } },
    });
    const editor = await earnOnCarrier(board);
    const author = await registerUser(t);
    const question = await ask(t, author, board.slug);
    const edited = await t.graphql(
      'mutation ($i: EditPostInput!) { editPost(input: $i) { revision } }',
      { i: { postId: question.id, body: 'Clearer: my plan has 30 GB of 5G data; where is the balance shown?' } },
      { token: editor.accessToken },
    );
    expect(edited.data?.editPost.revision).toBe(2);
    const revisions = await t.graphql('query ($p: ID!) { revisions(postId: $p) { revision editor { handle } } }', {
      p: question.id,
    });
    expect(revisions.data!.revisions.at(-1)).toEqual({ revision: 2, editor: { handle: editor.handle } });
  });

  it('explains reputation per board, page by page, without gaps or repeats', async () => {
    const first = await createBoard(t, operatorAdmin, carrier.slug);
    const second = await createBoard(t, operatorAdmin, carrier.slug);
    const answerer = await registerUser(t);
    const voters = await Promise.all(Array.from({ length: 3 }, () => registerUser(t)));
    const onFirst = await answer(t, answerer, (await ask(t, voters[0], first.slug)).id);
    const onSecond = await answer(t, answerer, (await ask(t, voters[0], second.slug)).id);
    for (const voter of voters) await vote(t, voter, onFirst.id, 'UP');
    await vote(t, voters[1], onSecond.id, 'UP');

    const page = (after: string | null) =>
      t.graphql(
        'query ($h: String!, $b: String, $a: String) { user(handle: $h) { reputationHistory(boardSlug: $b, first: 2, after: $a) { edges { node { delta postId boardId } } pageInfo { hasNextPage endCursor } } } }',
        { h: answerer.handle, b: first.slug, a: after },
      );
    const one = (await page(null)).data!.user.reputationHistory;
    const two = (await page(one.pageInfo.endCursor)).data!.user.reputationHistory;
    expect(one.pageInfo.hasNextPage).toBe(true);
    expect(two.pageInfo.hasNextPage).toBe(false);
    const entries = [...one.edges, ...two.edges].map((e: any) => e.node);
    expect(entries).toHaveLength(3);
    expect(entries.every((e: any) => e.postId === onFirst.id && e.boardId === first.id && e.delta === 10)).toBe(true);
  });

  it('finds a damaged projection and repairs it from the ledger', async () => {
    const board = await createBoard(t, operatorAdmin, carrier.slug);
    const earner = await earnOnCarrier(board);
    const verifier = t.app.get(ReputationVerifier);
    expect((await verifier.verify()).drifts).toEqual([]);
    // Damage two projections behind the application's back, as a bad migration might.
    const db = t.app.get<Connection>(getConnectionToken()).db!;
    const { ObjectId } = await import('mongodb');
    await db
      .collection('reputation_totals')
      .updateOne({ userId: new ObjectId(earner.id), boardId: null, operatorId: null }, { $inc: { total: 5 } });
    await db.collection('reputation_periods').deleteMany({ userId: new ObjectId(earner.id) });

    const found = await verifier.verify();
    expect(found.drifts.filter((d) => d.projection === 'overall')).toEqual([
      { userId: earner.id, projection: 'overall', expected: 21, stored: 26 },
    ]);
    const periods = found.drifts.filter((d) => d.projection.startsWith('period:'));
    expect(periods.map((d) => [d.expected, d.stored])).toEqual([
      [20, null],
      [20, null],
      [20, null],
    ]);
    expect((await verifier.verify({ fix: true })).fixed).toBe(4);
    expect((await verifier.verify()).drifts).toEqual([]);
    const reputation = await t.graphql('query ($h: String!) { user(handle: $h) { reputation } }', { h: earner.handle });
    expect(reputation.data!.user.reputation).toBe(21);
  });

  // Last: it moves the clock, which expires every session of this suite.
  it('ranks this calendar week and month from their own totals', async () => {
    const board = await createBoard(t, operatorAdmin, carrier.slug);
    const star = await earnOnCarrier(board);
    const leaders = async (period: string) =>
      (
        await t.graphql(
          'query ($b: String!, $p: LeaderboardPeriod!) { leaderboard(boardSlug: $b, period: $p) { reputation user { handle } } }',
          {
            b: board.slug,
            p: period,
          },
        )
      ).data!.leaderboard;
    expect(await leaders('WEEK')).toEqual([{ reputation: 20, user: { handle: star.handle } }]);
    const now = t.clock.now();
    const nextMonday = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 7 - ((now.getUTCDay() + 6) % 7)),
    );
    t.clock.advance(nextMonday.getTime() - now.getTime());
    expect(await leaders('WEEK')).toEqual([]);
    // All time: reputation on the board, 1 + the 20 earned there.
    expect(await leaders('ALL')).toEqual([{ reputation: 21, user: { handle: star.handle } }]);
    const sameMonth = nextMonday.getUTCMonth() === now.getUTCMonth();
    expect(await leaders('MONTH')).toEqual(sameMonth ? [{ reputation: 20, user: { handle: star.handle } }] : []);
  });
});
